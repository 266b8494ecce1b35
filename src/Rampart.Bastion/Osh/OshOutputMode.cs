namespace Rampart.Bastion.Osh;

/// <summary>How the final envelope is printed, chosen by <c>--json</c>, <c>--json-pretty</c>, <c>--json-greppable</c>.</summary>
public enum OshOutputMode
{
    /// <summary>No JSON at all: only the human text.</summary>
    Human,

    /// <summary><c>--json</c>: compact JSON between <c>JSON_START</c> and <c>JSON_END</c> lines.</summary>
    Json,

    /// <summary><c>--json-pretty</c>: pretty JSON between the same anchors (wins over the two others).</summary>
    JsonPretty,

    /// <summary><c>--json-greppable</c>: one <c>JSON_OUTPUT=</c> line (wins over <c>--json</c>).</summary>
    JsonGreppable,
}
