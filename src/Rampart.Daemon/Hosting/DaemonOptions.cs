using System.Net;

namespace Rampart.Daemon.Hosting;

/// <summary>How this daemon runs: where it listens, where its data lives, where it writes the local auth file.</summary>
/// <param name="BastionConfig">The bastion front door's configuration file; null when this daemon serves no bastion.</param>
public sealed record DaemonOptions(IPEndPoint Listen, string DataDirectory, string AuthFile, string? BastionConfig = null);
