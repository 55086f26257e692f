using Dcrc.Kernel.Cases;
using System.Globalization;
using Dcrc.Data;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Audit;
using Dcrc.Kernel.Excel;
using Dcrc.Kernel.Time;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dcrc.Features.Complaints;

/// <summary>Complaint statistics of a week (the case review list), month, quarter or year, with charts and the seed's table for export.</summary>
[RequirePermission("complaints.read")]
public class StatisticsModel(ComplaintStatistics statistics, StoreClock storeClock, StoreScope scope, CurrentUser me, AuditLog audit, TimeProvider clock,
    IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public StatisticsPeriod Period { get; set; } = StatisticsPeriod.Month;
    [BindProperty(SupportsGet = true)] public DateOnly? Date { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;
    public const int PageSize = 100;
    public Shared.Pager Pager { get; private set; } = null!;
    public ComplaintStatistics.Report Report { get; private set; } = null!;
    public TimeZoneInfo Zone { get; private set; } = StoreTime.GroupZone;

    private async Task LoadAsync(bool allLines = false)
    {
        if (!Enum.IsDefined(Period)) Period = StatisticsPeriod.Month;
        Zone = await storeClock.ZoneAsync();
        Date ??= StoreTime.DateOf(clock.GetUtcNow().UtcDateTime, Zone);
        PageNumber = Math.Max(1, PageNumber);
        Report = allLines ? await statistics.ReportAsync(Period, Date.Value, Zone) : await statistics.ReportAsync(Period, Date.Value, Zone, PageNumber, PageSize);
        Pager = new Shared.Pager(PageNumber, PageSize, Report.LinesTotal, Request);
    }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnGetExportAsync()
    {
        await LoadAsync(allLines: true);
        var headers = new[] { "Complaints.Stats.Date", "Complaints.Number", "Field.ContactName", "Field.Model", "Field.ComplaintCategory", "Field.ComplaintDescription",
            "Field.Department", "Field.Responsible", "Field.CompensationType", "Complaints.Stats.Loss", "Complaints.State", "Complaints.Stats.Breached" }.Select(k => l[k].Value).ToList();
        var rows = Report.Lines.Select(x => (IReadOnlyList<string?>)
        [
            StoreTime.Format(x.ReceivedAt, Zone), x.Number, x.Customer, x.Model, l["ComplaintCategory." + x.Category], x.Description, x.Department, x.Responsible,
            l["CompensationType." + x.Compensation], x.Amount?.ToString("0.00", CultureInfo.InvariantCulture), l["ComplaintState." + x.State], x.Breached ? l["Common.Yes"] : l["Common.No"],
        ]);
        var footer = new[] { l["Complaints.Stats.Footer", Report.From.ToString("yyyy-MM-dd"), Report.To.ToString("yyyy-MM-dd"), me.DisplayName, StoreTime.Format(clock.GetUtcNow().UtcDateTime, Zone)].Value };
        await audit.WriteAsync(ComplaintAuditActions.Read, $"statistics {Report.From:yyyy-MM-dd}..{Report.To:yyyy-MM-dd}", "ComplaintStatistics", null, scope.CurrentStoreId);
        return File(Spreadsheet.Write(l["Complaints.Stats.Sheet"], headers, rows, footer), Spreadsheet.XlsxContentType, $"complaints-{Report.From:yyyyMMdd}-{Report.To:yyyyMMdd}.xlsx");
    }
}
