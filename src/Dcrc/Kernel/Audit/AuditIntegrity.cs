using Dcrc.Data;

namespace Dcrc.Kernel.Audit;

/// <summary>
/// The whole check of the audit log, for the audit page, <c>GET /api/v1/audit/verify</c> and
/// <c>-- verify-audit</c>: the hash chain and its dense ids, the protective triggers, and the chain's head
/// against the signed checkpoints kept outside the database.
/// </summary>
public static class AuditIntegrity
{
    /// <summary>One finding: a code (label <c>Audit.Problem.{Code}</c>) and the entry or line it is about.</summary>
    public sealed record Problem(string Code, long? Id = null, long? Other = null);

    public sealed record Report(bool Intact, long Checked, long? FirstBrokenId, long LastId, string? LastHash,
        IReadOnlyList<Problem> Problems, AuditCheckpoints.Checkpoint? LatestCheckpoint);

    public static async Task<Report> CheckAsync(DcrcDb db, AuditKey key, AuditCheckpoints checkpoints, CancellationToken ct = default)
    {
        var problems = new List<Problem>();
        var reading = checkpoints.Read();
        var expected = new Dictionary<long, string>();
        foreach (var c in reading.Checkpoints) expected[c.Id] = c.Hash;
        var chain = await AuditLog.VerifyAsync(db, key, ct, e =>
        {
            if (expected.TryGetValue(e.Id, out var hash) && hash != e.Hash) problems.Add(new("CheckpointMismatch", e.Id));
        });
        if (!chain.Intact) problems.Insert(0, new(chain.Gap ? "Gap" : "Chain", chain.FirstBrokenId));
        var latest = reading.Checkpoints.Count > 0 ? reading.Checkpoints.MaxBy(c => c.Id) : null;
        if (chain.Intact && latest is not null && latest.Id > chain.LastId) problems.Add(new("CutAtTail", latest.Id, chain.LastId));
        if (reading.ForgedLine is { } line) problems.Add(new("CheckpointForged", line));
        if (reading.Missing && chain.Checked > 0) problems.Add(new("NoCheckpoints"));
        if ((await AuditGuard.MissingTriggersAsync(db, ct)).Count > 0) problems.Add(new("Triggers"));
        return new(problems.Count == 0, chain.Checked, chain.FirstBrokenId, chain.LastId, chain.LastHash, problems, latest);
    }

    /// <summary>A line for the log of the verification itself.</summary>
    public static string Describe(Report r) => r.Intact
        ? $"intact, {r.Checked} entries, head {r.LastId}"
        : "broken: " + string.Join("; ", r.Problems.Select(p => p.Id is null ? p.Code : $"{p.Code} {p.Id}" + (p.Other is null ? "" : $"/{p.Other}")));
}
