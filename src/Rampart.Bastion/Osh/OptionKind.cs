using System.Diagnostics.CodeAnalysis;

namespace Rampart.Bastion.Osh;

/// <summary>What a plugin option takes.</summary>
[SuppressMessage("Naming", "CA1720:Identifier contains type name",
    Justification = "The names mirror the reference's option kinds (Getopt::Long =s, =i) and are the agreed API.")]
public enum OptionKind
{
    /// <summary>No value: <c>--force</c> (Getopt::Long <c>"force"</c>, or <c>"force!"</c> when negatable).</summary>
    Flag,

    /// <summary>One string, the last one given wins: <c>--group G</c> (<c>"group=s"</c>).</summary>
    String,

    /// <summary>One integer, the last one given wins: <c>--uid 9001</c> (<c>"uid=i"</c>).</summary>
    Integer,

    /// <summary>A string that may be repeated, every value kept in order (<c>"include=s" => \@list</c>).</summary>
    StringList,
}
