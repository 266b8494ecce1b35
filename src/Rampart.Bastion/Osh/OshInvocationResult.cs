namespace Rampart.Bastion.Osh;

/// <summary>Either an <see cref="OshInvocation"/> to carry out, or an <see cref="OshShellError"/> to report.</summary>
public abstract record OshInvocationResult;
