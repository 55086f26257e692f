using Dcrc.Data;
using Dcrc.Kernel.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using static Dcrc.Features.Callbacks.CallbackReports;

namespace Dcrc.Features.Callbacks.Reports;

/// <summary>
/// 表7 (per sales consultant) and 表8 (per service advisor or repair team) for a range of dates, default this month:
/// the seed's columns, a total line, the trend of the same surveys, and the table as .xlsx.
/// </summary>
[RequirePermission("callbacks.reports")]
public class SatisfactionModel(ReportFilters filters, CallbackReports reports, ReportExports exports, DcrcDb db, StoreScope scope, TimeProvider clock,
    IStringLocalizer<SharedResource> l) : ReportPage(db, scope, clock)
{
    /// <summary>consultant (表7), advisor or team (表8).</summary>
    [BindProperty(SupportsGet = true)] public string? Table { get; set; }
    public SatisfactionBy Per { get; private set; }
    public IReadOnlyList<string> Headers { get; private set; } = [];
    public List<SatisfactionLine> Lines { get; private set; } = [];
    public SatisfactionLine Total { get; private set; } = null!;
    public Satisfaction.Limits Bands { get; private set; } = null!;
    public TrendChart Chart { get; private set; } = null!;

    private async Task<bool> ReadAsync()
    {
        await UseAsync(await filters.RangeAsync(From, To, StoreId));
        if (ReportTables.TryTable(Table, out var per)) Per = per;
        else { Per = SatisfactionBy.Consultant; FilterErrors = [.. FilterErrors, l["Validation.InvalidValue", l["Field.ReportTable"]]]; }
        return true;
    }

    public async Task OnGetAsync()
    {
        await ReadAsync();
        var p = Period;
        Lines = await reports.SatisfactionAsync(Per, p.From, p.To, p.StoreId);
        Total = SatisfactionLine.Total("", Lines);
        Bands = await reports.LimitsAsync(p.StoreId);
        Headers = ReportTables.SatisfactionHeaders(Per, Bands, l);
        Chart = TrendChart.Of(await reports.TrendAsync(p.From, p.To, p.StoreId, Per), l);
    }

    public async Task<IActionResult> OnGetExportAsync()
    {
        await ReadAsync();
        return Xlsx(await exports.SatisfactionAsync(Per, Period));
    }
}
