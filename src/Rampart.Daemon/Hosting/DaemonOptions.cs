using System.Net;

namespace Rampart.Daemon.Hosting;

/// <summary>How this daemon runs: where it listens, where its data lives, where it writes the local auth file.</summary>
public sealed record DaemonOptions(IPEndPoint Listen, string DataDirectory, string AuthFile);
