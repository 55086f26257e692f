using Dcrc.Data;
using Dcrc.Features.Customers.Filing;
using Dcrc.Kernel.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using static Dcrc.Features.Callbacks.CallbackReports;

namespace Dcrc.Features.Callbacks.Reports;

/// <summary>
/// What every report page shares: the range (from, to) or day and the store, read by <see cref="ReportFilters"/>;
/// a refused filter is shown and the report falls back to its default. Group users pick a store; others see theirs.
/// </summary>
[RequirePermission("callbacks.reports")]
public abstract class ReportPage(DcrcDb db, StoreScope scope, TimeProvider clock) : PageModel
{
    public const int PageSize = 30;
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    [BindProperty(SupportsGet = true)] public int? StoreId { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;
    public ReportPeriod Period { get; private set; } = null!;
    public IReadOnlyList<string> FilterErrors { get; protected set; } = [];
    public List<StoreDay> Stores { get; private set; } = [];
    public bool DatesGiven { get; private set; }

    protected async Task UseAsync(ReportFilters.Parsed parsed)
    {
        PageNumber = Math.Max(1, PageNumber);
        Period = parsed.Period;
        DatesGiven = parsed.DatesGiven;
        FilterErrors = parsed.Errors.Values.SelectMany(v => v).ToList();
        if (parsed.Errors.ContainsKey("storeId")) StoreId = null;
        Stores = await StoreDay.VisibleAsync(db, scope, clock);
    }

    protected FileContentResult Xlsx(ReportExports.Export export) => File(export.File, Kernel.Excel.Spreadsheet.XlsxContentType, export.FileName);
}

/// <summary>The trend as the chart script reads it (a JSON block on the page): labels, the three bands stacked, the success rate.</summary>
public sealed record TrendChart(string Unit, IReadOnlyList<string> Labels, IReadOnlyList<int> Completely, IReadOnlyList<int> Basically,
    IReadOnlyList<int> Dissatisfied, IReadOnlyList<decimal?> Rate, IReadOnlyDictionary<string, string> Names)
{
    public static TrendChart Of(Trend trend, IStringLocalizer l) => new(
        trend.Unit == TrendUnit.Week ? "week" : "month",
        trend.Points.Select(p => p.Start.ToString(trend.Unit == TrendUnit.Week ? "MM-dd" : "yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)).ToList(),
        trend.Points.Select(p => p.Completely).ToList(), trend.Points.Select(p => p.Basically).ToList(), trend.Points.Select(p => p.Dissatisfied).ToList(),
        trend.Points.Select(p => p.SuccessRate).ToList(),
        new Dictionary<string, string>
        {
            ["completely"] = l["SatisfactionBand.Completely"], ["basically"] = l["SatisfactionBand.Basically"], ["dissatisfied"] = l["SatisfactionBand.Dissatisfied"],
            ["rate"] = l["Reports.Chart.SuccessRate"], ["count"] = l["Reports.Chart.Surveys"],
            ["unit"] = l[trend.Unit == TrendUnit.Week ? "Reports.Chart.PerWeek" : "Reports.Chart.PerMonth"],
        });
}
