using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Rampart.Core.Audit;

/// <summary>
/// The hash chain: each record's hash covers its own fields and the previous record's hash, so editing, inserting,
/// reordering or deleting any record (but the newest ones, which the next append or an external copy of the last hash
/// pins) breaks every hash after it.
/// </summary>
public static class AuditChain
{
    public static readonly string Genesis = new('0', 64);

    public static string Hash(string previousHash, long sequence, Guid id, AuditEvent e)
    {
        // A JSON array: unambiguous field boundaries whatever the fields contain.
        var fields = JsonSerializer.Serialize(new[]
        {
            "rampart-audit-v1", previousHash, sequence.ToString(CultureInfo.InvariantCulture), id.ToString("D"),
            e.Time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture), e.Actor, e.Source, e.Action, e.Target, e.Outcome, e.Detail,
        }, AuditJson.Default.StringArray);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(fields)));
    }

    public static AuditRecord Next(AuditRecord? previous, AuditEvent e)
    {
        var sequence = (previous?.Sequence ?? 0) + 1;
        var previousHash = previous?.Hash ?? Genesis;
        var id = Guid.CreateVersion7(e.Time);
        return new AuditRecord(sequence, id, e, previousHash, Hash(previousHash, sequence, id, e));
    }

    /// <summary>Checks records in sequence order; the first problem found, or null when the chain holds.</summary>
    public static string? Check(AuditRecord? previous, AuditRecord record)
    {
        var expectedSequence = (previous?.Sequence ?? 0) + 1;
        if (record.Sequence != expectedSequence)
        {
            return string.Create(CultureInfo.InvariantCulture, $"record {expectedSequence} is missing (found {record.Sequence} next)");
        }

        if (record.PreviousHash != (previous?.Hash ?? Genesis))
        {
            return string.Create(CultureInfo.InvariantCulture, $"record {record.Sequence} does not follow record {expectedSequence - 1}");
        }

        return record.Hash != Hash(record.PreviousHash, record.Sequence, record.Id, record.Event)
            ? string.Create(CultureInfo.InvariantCulture, $"record {record.Sequence} was changed after it was written")
            : null;
    }
}
