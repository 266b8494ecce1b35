using System.Text.Json.Serialization;

namespace Rampart.Core.Audit;

/// <summary>Source-generated JSON for the chain's canonical form (no reflection).</summary>
[JsonSerializable(typeof(string?[]))]
internal sealed partial class AuditJson : JsonSerializerContext;
