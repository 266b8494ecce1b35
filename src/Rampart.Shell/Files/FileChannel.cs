using System.Diagnostics;

namespace Rampart.Shell.Files;

/// <summary>How to run one sh command beside a shell, on its machine and as its user, with stdin and stdout for bulk data.</summary>
public delegate ProcessStartInfo FileChannel(string command);
