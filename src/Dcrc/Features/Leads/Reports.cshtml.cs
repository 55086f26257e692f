using System.Globalization;
using Dcrc.Data;
using Dcrc.Features.Callbacks.Reports;
using Dcrc.Features.Customers.Filing;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Audit;
using Dcrc.Kernel.Excel;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Dcrc.Features.Leads;

/// <summary>
/// The prospects report (SPEC §10): the funnel of the leads recorded in the period by source and intent, conversion
/// per consultant, the lost reasons and competitors (C-card analysis), the OEM feedback in time, the follow-up
/// compliance, the pool's size and age; date and store filters, charts, <c>.xlsx</c>.
/// </summary>
[RequirePermission("leads.reports")]
public class ReportsModel(ReportFilters filters, LeadReports reports, DcrcDb db, StoreScope scope, AuditLog audit, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    [BindProperty(SupportsGet = true)] public int? StoreId { get; set; }
    public LeadReport Report { get; private set; } = null!;
    public IReadOnlyList<string> FilterErrors { get; private set; } = [];
    public List<StoreDay> Stores { get; private set; } = [];

    private async Task LoadAsync()
    {
        var parsed = await filters.RangeAsync(From, To, StoreId);
        FilterErrors = parsed.Errors.Values.SelectMany(v => v).ToList();
        if (parsed.Errors.ContainsKey("storeId")) StoreId = null;
        Stores = await StoreDay.VisibleAsync(db, scope, clock);
        Report = await reports.ReportAsync(parsed.Period);
    }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnGetExportAsync()
    {
        await LoadAsync();
        var r = Report;
        string Pct(double? v) => v?.ToString("0.0", CultureInfo.InvariantCulture) ?? "";
        IReadOnlyList<string?> Line(string section, string item, Funnel f) =>
            [section, item, $"{f.Leads}", $"{f.Contacted}", $"{f.Visited}", $"{f.TestDrive}", $"{f.Ordered}", $"{f.Delivered}", Pct(f.OrderRate)];
        var rows = new List<IReadOnlyList<string?>> { Line(l["LeadReports.Total"], "", r.Total) };
        rows.AddRange(r.BySource.Select(x => Line(l["Field.LeadSource"], l[x.Key], x.Funnel)));
        rows.AddRange(r.ByLevel.Select(x => Line(l["Field.IntentLevel"], x.Key, x.Funnel)));
        rows.AddRange(r.ByConsultant.Select(x => Line(l["Field.Consultant"], x.Key.Length > 0 ? x.Key : l["Leads.Unassigned"], x.Funnel)));
        rows.AddRange(r.LostReasons.Select(x => (IReadOnlyList<string?>)[l["Field.LostReason"], l[x.Key], $"{x.Count}"]));
        rows.AddRange(r.Competitors.Select(x => (IReadOnlyList<string?>)[l["Field.LostCompetitor"], x.Key, $"{x.Count}"]));
        rows.Add([l["LeadReports.OemOnTime"], Pct(r.OemOnTimeRate), $"{r.OemDue}", $"{r.OemOnTime}"]);
        rows.Add([l["LeadReports.FollowUpCompliance"], Pct(r.FollowUpCompliance), $"{r.FollowUpRounds}", $"{r.FollowUpBreached}"]);
        rows.Add([l["LeadReports.Pool"], "", $"{r.Pool}", $"{r.PoolUnder7Days}", $"{r.Pool7To30Days}", $"{r.PoolOver30Days}", $"{r.KeptForCampaigns}"]);
        var headers = new[] { "LeadReports.Section", "LeadReports.Item", "LeadReports.Leads", "LeadReports.Contacted", "LeadReports.Visited", "LeadReports.TestDrive",
            "LeadReports.Ordered", "LeadReports.Delivered", "LeadReports.OrderRate" }.Select(k => l[k].Value).ToList();
        await audit.WriteReadAsync(LeadAuditActions.Exported, $"report {r.Period.Label} store={r.Period.StoreId}", storeId: r.Period.StoreId);
        return File(Spreadsheet.Write(l["LeadReports.Title"], headers, rows, [l["LeadReports.Footer", r.Period.Label].Value]), Spreadsheet.XlsxContentType,
            $"leads-{r.Period.From:yyyyMMdd}-{r.Period.To:yyyyMMdd}.xlsx");
    }

    /// <summary>The funnel as the bar chart script reads it.</summary>
    public object Chart => new
    {
        name = l["LeadReports.Leads"].Value,
        labels = new[] { "Leads", "Contacted", "Visited", "TestDrive", "Ordered", "Delivered" }.Select(k => l["LeadReports." + k].Value).ToArray(),
        values = new[] { Report.Total.Leads, Report.Total.Contacted, Report.Total.Visited, Report.Total.TestDrive, Report.Total.Ordered, Report.Total.Delivered },
    };

    public object LostChart => new { name = l["LeadReports.LostCount"].Value, labels = Report.LostReasons.Select(x => l[x.Key].Value).ToArray(), values = Report.LostReasons.Select(x => x.Count).ToArray() };
}
