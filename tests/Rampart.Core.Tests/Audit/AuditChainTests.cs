using Rampart.Core.Audit;

namespace Rampart.Core.Tests.Audit;

public sealed class AuditChainTests
{
    private static List<AuditRecord> Chain(int count)
    {
        var records = new List<AuditRecord>();
        for (var i = 0; i < count; i++)
        {
            var e = new AuditEvent(DateTimeOffset.UnixEpoch.AddSeconds(i), "local", "127.0.0.1", "/shell/exec", $"connection={i}", "ok", "HTTP 200");
            records.Add(AuditChain.Next(records.LastOrDefault(), e));
        }

        return records;
    }

    private static string? FirstProblem(IEnumerable<AuditRecord> records)
    {
        AuditRecord? previous = null;
        foreach (var record in records)
        {
            if (AuditChain.Check(previous, record) is { } problem)
            {
                return problem;
            }

            previous = record;
        }

        return null;
    }

    [Fact]
    public void IntactChain_Checks_AndEveryKindOfTamperingIsFound()
    {
        var chain = Chain(5);
        Assert.Null(FirstProblem(chain));
        Assert.Equal(AuditChain.Genesis, chain[0].PreviousHash);

        var edited = chain.ToList();
        edited[2] = edited[2] with { Event = edited[2].Event with { Target = "connection=other" } };
        Assert.Equal("record 3 was changed after it was written", FirstProblem(edited));

        var deleted = chain.Where(r => r.Sequence != 2).ToList();
        Assert.Equal("record 2 is missing (found 3 next)", FirstProblem(deleted));

        // Re-hashing an edited record is caught by the next one.
        var forged = chain.ToList();
        var changed = forged[1].Event with { Outcome = "denied" };
        forged[1] = forged[1] with { Event = changed, Hash = AuditChain.Hash(forged[1].PreviousHash, 2, forged[1].Id, changed) };
        Assert.Equal("record 3 does not follow record 2", FirstProblem(forged));
    }
}
