using Dcrc.Data;
using Dcrc.Features.Callbacks;
using Dcrc.Features.Callbacks.Reports;
using Dcrc.Features.Complaints;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Deadlines;
using Dcrc.Kernel.Time;
using Microsoft.EntityFrameworkCore;

namespace Dcrc.Features.Home;

/// <summary>
/// The CR manager's, the GM's and the group's dashboard until the management issue builds theirs: only the figures
/// that exist today, each counted as the page behind it counts it — the callback surveys of the last
/// <see cref="ReportFilters.DefaultDays"/> days as the reports' overview (rates of the closed windows only), the open
/// complaint cases as the case list, this month's cases as the complaint statistics. Within the stores the user may see.
/// </summary>
public class ManagerDashboard(DcrcDb db, ReportFilters filters, CallbackReports reports, ComplaintDesk complaints, Leads.LeadViews leads, StoreClock storeClock, CurrentUser me,
    TimeProvider clock)
{
    /// <summary>The surveys of the period, counted as the reports' overview counts them (sales and service together).</summary>
    public sealed record CallbackFigures(ReportPeriod Period, CallbackReports.SatisfactionLine Totals);

    /// <summary>
    /// Open: the cases not finished (<see cref="ComplaintWorkflow.Open"/>); overdue: of those, the ones past a time limit
    /// (a breach on record). The month's: received this month, as <see cref="ComplaintStatistics"/> counts them.
    /// </summary>
    public sealed record ComplaintFigures(int Open, int Overdue, DateOnly MonthFrom, DateOnly MonthTo, int MonthCases, int MonthBreached)
    {
        public decimal? MonthBreachRate => MonthCases == 0 ? null : Math.Round(100m * MonthBreached / MonthCases, 1);
    }

    /// <summary>Null for a part the user may not read (the reports, the cases).</summary>
    /// <summary>The open leads the user may see, those late, and the store's pool (each the count of the list behind it).</summary>
    public sealed record LeadFigures(int Open, int Late, int Pool);

    public sealed record View(CallbackFigures? Callbacks, ComplaintFigures? Complaints, LeadFigures? Leads);

    public async Task<View> LoadAsync() => new(
        await me.CanAsync(CallbackPermissions.Reports) ? await CallbacksAsync() : null,
        await me.CanAsync(ComplaintPermissions.Read) ? await ComplaintsAsync() : null,
        await me.CanAsync(Leads.LeadPermissions.Read) ? await LeadsAsync() : null);

    private async Task<LeadFigures> LeadsAsync() => new(
        (await leads.PageAsync(new Leads.LeadFilter(OpenOnly: true), 1, 1)).Total,
        (await leads.PageAsync(new Leads.LeadFilter(Late: true, OpenOnly: true), 1, 1)).Total,
        (await leads.PoolAsync(false, 1, 1)).Total);

    private async Task<CallbackFigures> CallbacksAsync()
    {
        var period = (await filters.RangeAsync(null, null, null)).Period;
        // One grouped query (a row per day); the totals add up the days as the overview does.
        var trend = await reports.TrendAsync(period.From, period.To, period.StoreId);
        var p = trend.Points;
        return new(period, new CallbackReports.SatisfactionLine("", p.Sum(x => x.Events), p.Sum(x => x.Succeeded), p.Sum(x => x.Failed), 0, 0, 0,
            p.Sum(x => x.Completely), p.Sum(x => x.Basically), p.Sum(x => x.Dissatisfied)));
    }

    private sealed class Counts
    {
        public int Cases { get; init; }
        public int Breached { get; init; }
    }

    private async Task<ComplaintFigures> ComplaintsAsync()
    {
        var visible = await complaints.VisibleAsync();
        var open = await Count(visible.Where(ComplaintWorkflow.Open));

        var zone = await storeClock.ZoneAsync();
        var (from, to) = ComplaintStatistics.Range(StatisticsPeriod.Month, StoreTime.DateOf(clock.GetUtcNow().UtcDateTime, zone));
        var start = StoreTime.ToUtc(from.ToDateTime(TimeOnly.MinValue), zone);
        var end = StoreTime.ToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue), zone);
        var month = await Count(visible.Where(c => c.ReceivedAt >= start && c.ReceivedAt < end));
        return new(open.Cases, open.Breached, from, to, month.Cases, month.Breached);
    }

    /// <summary>The cases and those with a breached time limit on record (as the statistics count a breach): one query.</summary>
    private async Task<Counts> Count(IQueryable<Complaint> cases) =>
        await cases.GroupBy(_ => 1).Select(g => new Counts
        {
            Cases = g.Count(),
            Breached = g.Count(c => db.ComplaintLimitEvents.Any(e => e.ComplaintId == c.Id && e.Kind == LimitEventKind.Breached)),
        }).FirstOrDefaultAsync() ?? new Counts();
}
