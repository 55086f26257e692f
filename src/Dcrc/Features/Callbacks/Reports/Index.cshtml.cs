using Dcrc.Data;
using Dcrc.Kernel.Access;
using Microsoft.Extensions.Localization;
using static Dcrc.Features.Callbacks.CallbackReports;

namespace Dcrc.Features.Callbacks.Reports;

/// <summary>
/// The callback reports' overview (SPEC §9): the satisfaction trend per week (or month) — surveys by band and the
/// success rate — the owner-confirmation accuracy (SPEC §4) and the callback coverage, and the way to each report.
/// </summary>
[RequirePermission("callbacks.reports")]
public class IndexModel(ReportFilters filters, CallbackReports reports, DcrcDb db, StoreScope scope, TimeProvider clock, IStringLocalizer<SharedResource> l)
    : ReportPage(db, scope, clock)
{
    public Trend Trend { get; private set; } = null!;
    public TrendChart Chart { get; private set; } = null!;
    public Accuracy OwnerAccuracy { get; private set; } = null!;
    public Coverage Coverage { get; private set; } = null!;
    public SatisfactionLine Totals { get; private set; } = null!;

    public async Task OnGetAsync()
    {
        await UseAsync(await filters.WeeksAsync(From, To, StoreId, CallbackReportsApi.TrendWeeks));
        var p = Period;
        Trend = await reports.TrendAsync(p.From, p.To, p.StoreId);
        Chart = TrendChart.Of(Trend, l);
        Totals = new SatisfactionLine("", Trend.Points.Sum(x => x.Events), Trend.Points.Sum(x => x.Succeeded), Trend.Points.Sum(x => x.Failed), 0, 0, 0,
            Trend.Points.Sum(x => x.Completely), Trend.Points.Sum(x => x.Basically), Trend.Points.Sum(x => x.Dissatisfied));
        OwnerAccuracy = await reports.OwnerAccuracyAsync(p.From, p.To, p.StoreId);
        Coverage = await reports.CoverageAsync(p.Today, storeId: p.StoreId);
    }
}
