using Dcrc.Data;
using Dcrc.Features.Callbacks.Reports;
using Dcrc.Kernel.Deadlines;
using Dcrc.Kernel.Time;
using Microsoft.EntityFrameworkCore;

namespace Dcrc.Features.Leads;

/// <summary>
/// How far leads got: recorded, contacted, visited, test drive, ordered, delivered. A stage counts a lead that reached
/// it or any later one (an online order without a visit still passed "visited" in the funnel's sense), so every stage
/// is at most the one before.
/// </summary>
public sealed record Funnel(int Leads, int Contacted, int Visited, int TestDrive, int Ordered, int Delivered)
{
    public static Funnel operator +(Funnel a, Funnel b) => new(a.Leads + b.Leads, a.Contacted + b.Contacted, a.Visited + b.Visited, a.TestDrive + b.TestDrive,
        a.Ordered + b.Ordered, a.Delivered + b.Delivered);
    public static readonly Funnel Zero = new(0, 0, 0, 0, 0, 0);
    public double? OrderRate => Leads == 0 ? null : Math.Round(100.0 * Ordered / Leads, 1);
}

public sealed record FunnelRow(string Key, Funnel Funnel);
public sealed record CountRow(string Key, int Count);

/// <summary>The prospects report of a period (leads recorded in it) and the pool as it stands.</summary>
public sealed record LeadReport(ReportPeriod Period, Funnel Total, IReadOnlyList<FunnelRow> BySource, IReadOnlyList<FunnelRow> ByLevel, IReadOnlyList<FunnelRow> ByConsultant,
    IReadOnlyList<CountRow> LostReasons, IReadOnlyList<CountRow> Competitors, int OemDue, int OemOnTime, int FollowUpRounds, int FollowUpBreached,
    int Pool, int PoolUnder7Days, int Pool7To30Days, int PoolOver30Days, int KeptForCampaigns)
{
    /// <summary>OEM leads answered within their deadline, of those whose deadline fell in the period and has passed, percent.</summary>
    public double? OemOnTimeRate => OemDue == 0 ? null : Math.Round(100.0 * OemOnTime / OemDue, 1);
    /// <summary>Of the follow-up rounds started in the period and decided (met or breached), those not breached, percent.</summary>
    public double? FollowUpCompliance => FollowUpRounds == 0 ? null : Math.Round(100.0 * (FollowUpRounds - FollowUpBreached) / FollowUpRounds, 1);
}

/// <summary>The numbers of the prospects report, each a set-based query over the user's stores (the query filter) or the store named.</summary>
public sealed class LeadReports(DcrcDb db, TimeProvider clock)
{
    public async Task<LeadReport> ReportAsync(ReportPeriod p)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var (start, end) = (p.StartUtc, p.EndUtc);
        var leads = db.Leads.AsNoTracking().Where(x => p.StoreId == null || x.StoreId == p.StoreId);
        var recorded = leads.Where(x => x.CreatedAt >= start && x.CreatedAt < end);
        var groups = await recorded.GroupBy(x => new { x.Source, x.IntentLevel, x.LastConsultantName }).Select(g => new
        {
            g.Key.Source, g.Key.IntentLevel, g.Key.LastConsultantName,
            Leads = g.Count(),
            Contacted = g.Count(x => x.ContactedAt != null || x.VisitedAt != null || x.TestDriveAt != null || x.OrderedAt != null),
            Visited = g.Count(x => x.VisitedAt != null || x.TestDriveAt != null || x.OrderedAt != null),
            TestDrive = g.Count(x => x.TestDriveAt != null || x.OrderedAt != null),
            Ordered = g.Count(x => x.OrderedAt != null),
        }).ToListAsync();
        var delivered = await DeliveredAsync(recorded, p.Zone);
        var rows = groups.Select(g => (g.Source, g.IntentLevel, g.LastConsultantName, Funnel: new Funnel(g.Leads, g.Contacted, g.Visited, g.TestDrive, g.Ordered,
            delivered.GetValueOrDefault((g.Source, g.IntentLevel, g.LastConsultantName))))).ToList();
        List<FunnelRow> By(Func<(LeadSource Source, string IntentLevel, string? LastConsultantName, Funnel Funnel), string> key) =>
            rows.GroupBy(key).Select(g => new FunnelRow(g.Key, g.Aggregate(Funnel.Zero, (a, r) => a + r.Funnel))).OrderByDescending(r => r.Funnel.Leads).ThenBy(r => r.Key, StringComparer.Ordinal).ToList();

        var lost = leads.Where(x => x.State == LeadState.Lost && x.ClosedAt >= start && x.ClosedAt < end);
        var reasons = (await lost.GroupBy(x => x.LostReason).Select(g => new { g.Key, Count = g.Count() }).ToListAsync())
            .Select(x => new CountRow(x.Key is { } r ? $"LostReason.{r}" : "", x.Count)).OrderByDescending(x => x.Count).ToList();
        var competitors = (await lost.Where(x => x.LostCompetitor != null).GroupBy(x => x.LostCompetitor!).Select(g => new { g.Key, Count = g.Count() })
            .OrderByDescending(x => x.Count).Take(10).ToListAsync()).Select(x => new CountRow(x.Key, x.Count)).ToList();

        var oem = leads.Where(x => x.BatchId != null && x.FeedbackDueAt >= start && x.FeedbackDueAt < end && x.FeedbackDueAt <= now);
        var (oemDue, oemOnTime) = (await oem.CountAsync(), await oem.CountAsync(x => x.FeedbackAt != null && x.FeedbackAt <= x.FeedbackDueAt));

        var started = db.LeadLimitEvents.AsNoTracking().Where(e => e.Limit == LeadLimit.FollowUp && e.Kind == LimitEventKind.Started && e.At >= start && e.At < end
            && leads.Any(x => x.Id == e.LeadId));
        // Decided rounds only: met (the call came) or breached; one still running, or cancelled by a claim or reassignment, counts neither way.
        var decided = started.Where(e => db.LeadLimitEvents.Any(b => b.LeadId == e.LeadId && b.Limit == LeadLimit.FollowUp && b.Round == e.Round
            && (b.Kind == LimitEventKind.Met || b.Kind == LimitEventKind.Breached)));
        var rounds = await decided.CountAsync();
        var breached = await decided.CountAsync(e => db.LeadLimitEvents.Any(b => b.LeadId == e.LeadId && b.Limit == LeadLimit.FollowUp && b.Round == e.Round && b.Kind == LimitEventKind.Breached));

        var pool = leads.Where(x => x.State == LeadState.Pool);
        var (week, month) = (now.AddDays(-7), now.AddDays(-30));
        return new LeadReport(p, rows.Aggregate(Funnel.Zero, (a, r) => a + r.Funnel), By(r => $"LeadSource.{r.Source}"), By(r => r.IntentLevel), By(r => r.LastConsultantName ?? ""),
            reasons, competitors, oemDue, oemOnTime, rounds, breached,
            await pool.CountAsync(), await pool.CountAsync(x => x.PoolSince >= week), await pool.CountAsync(x => x.PoolSince < week && x.PoolSince >= month),
            await pool.CountAsync(x => x.PoolSince < month), await leads.CountAsync(x => x.State == LeadState.Lost && x.KeepsInterest));
    }

    /// <summary>
    /// Delivered: an ordered lead whose archive customer has a sale recorded on or after the day the lead was recorded —
    /// read from the archive's transactions for the ordered leads only (a few), by group.
    /// </summary>
    private async Task<Dictionary<(LeadSource, string, string?), int>> DeliveredAsync(IQueryable<Lead> recorded, TimeZoneInfo zone)
    {
        var ordered = await recorded.Where(x => x.OrderedAt != null && x.CustomerId != null)
            .Select(x => new { x.Source, x.IntentLevel, x.LastConsultantName, x.CustomerId, x.CreatedAt }).ToListAsync();
        var customers = ordered.Select(x => x.CustomerId!.Value).Distinct().ToList();
        var sales = new Dictionary<long, DateOnly>();
        foreach (var chunk in customers.Chunk(1000))
            foreach (var s in await db.Transactions.AsNoTracking().Where(t => chunk.Contains(t.CustomerId) && t.Kind == Customers.Records.TransactionKind.Sale)
                         .GroupBy(t => t.CustomerId).Select(g => new { g.Key, Last = g.Max(t => t.Date) }).ToListAsync())
                sales[s.Key] = s.Last;
        return ordered.Where(x => sales.TryGetValue(x.CustomerId!.Value, out var d) && d >= StoreTime.DateOf(x.CreatedAt, zone))
            .GroupBy(x => (x.Source, x.IntentLevel, x.LastConsultantName)).ToDictionary(g => g.Key, g => g.Count());
    }
}
