using Dcrc.Kernel.Writes;
using Dcrc.Kernel.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Dcrc.Features.Customers.Filing;

/// <summary>
/// The weekly archive check laid out as the paper form 表14: a week of a store (this week by default), its
/// sample drawn with one button, each line checked in place (htmx; a plain form post without script).
/// </summary>
[RequirePermission("customers.filing")]
public class ChecksModel(ArchiveAudit checks, CurrentUser me, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "week")] public string? WeekText { get; set; }
    [BindProperty(SupportsGet = true)] public int? StoreId { get; set; }
    public List<StoreDay> Stores { get; private set; } = [];
    /// <summary>Null while the user of several stores has not chosen one.</summary>
    public ArchiveAudit.Week? Week { get; private set; }
    public string? WeekError { get; private set; }
    public int SampleSales { get; private set; }
    public int SampleService { get; private set; }
    /// <summary>DCRC staff draw and check; the GM reads the form.</summary>
    public bool CanRecord { get; private set; }
    [TempData] public string? Notice { get; set; }
    private readonly Dictionary<long, CheckRow> _rows = [];

    /// <summary>One line as the page shows it, with what a refused save has to say.</summary>
    public sealed record CheckRow(ArchiveAudit.Line Line, string Week, int StoreId, Dictionary<string, string[]> Errors, string? Message = null, bool Saved = false,
        bool CanRecord = true)
    {
        /// <summary>The week's counts, sent along with a line saved through htmx.</summary>
        public ArchiveAudit.Week? Summary { get; init; }

        public string? Error(string field) => Errors.TryGetValue(field, out var m) ? m[0] : null;
    }

    public CheckRow RowFor(ArchiveAudit.Line line) =>
        _rows.TryGetValue(line.Id, out var row) ? row : new(line, AuditWeek.Format(Week!.WeekStart), Week.Store.Id, [], CanRecord: CanRecord);

    private async Task<(StoreDay? Store, DateOnly Week)> ResolveAsync()
    {
        Stores = await checks.StoresAsync();
        var store = await checks.StoreAsync(StoreId);
        if (store is null) return (null, default);
        if (string.IsNullOrWhiteSpace(WeekText)) return (store, ArchiveAudit.CurrentWeek(store));
        if (AuditWeek.TryParse(WeekText, out var week)) return (store, week);
        WeekError = l["Filing.WeekFormat", l["Filing.Week"]];
        return (store, ArchiveAudit.CurrentWeek(store));
    }

    private async Task LoadAsync()
    {
        CanRecord = await me.CanAsync(FilingPermissions.Record);
        var (store, week) = await ResolveAsync();
        if (store is null) return;
        Week = await checks.WeekAsync(store, week);
        (SampleSales, SampleService) = await checks.SampleSizesAsync(store.Id);
    }

    public Task OnGetAsync() => LoadAsync();

    public async Task<IActionResult> OnGetExportAsync()
    {
        var (store, week) = await ResolveAsync();
        if (store is null || WeekError != null) return BadRequest();
        return File(await checks.ExportAsync(store, week), Kernel.Excel.Spreadsheet.XlsxContentType, $"archive-check-{AuditWeek.Format(week)}.xlsx");
    }

    public async Task<IActionResult> OnPostSampleAsync()
    {
        if (!await me.CanAsync(FilingPermissions.Record)) return Forbid();
        var (store, week) = await ResolveAsync();
        if (store is null || WeekError != null) return BadRequest();
        var (result, drawn) = await checks.SampleAsync(store, week);
        switch (result)
        {
            case ArchiveAudit.SampleResult.Drawn:
                TempData["Flash"] = l["Filing.SampleDrawn", drawn.Lines.Count(x => x.Kind == Records.TransactionKind.Sale),
                    drawn.Lines.Count(x => x.Kind == Records.TransactionKind.RepairOrder)].Value;
                break;
            case ArchiveAudit.SampleResult.AlreadyDrawn: Notice = l["Filing.SampleExists"]; break;
            case ArchiveAudit.SampleResult.FutureWeek: Notice = l["Filing.FutureWeek"]; break;
            default: Notice = l["Filing.NothingToDraw"]; break;
        }
        return RedirectToPage(new { week = AuditWeek.Format(drawn.WeekStart), storeId = StoreId });
    }

    /// <summary>Saves one line: htmx gets the row back (with its errors), a plain post the page.</summary>
    public async Task<IActionResult> OnPostSaveAsync(long id, CheckResult? result, string? description, string? responsible, string? measure, int? version)
    {
        if (!await me.CanAsync(FilingPermissions.Record)) return Forbid();
        var input = new ArchiveAudit.CheckInput(result, description, responsible, measure, version);
        var outcome = await checks.SaveAsync(id, input);
        if (outcome.Status == WriteStatus.NotFound) return NotFound();
        var htmx = Request.Headers.ContainsKey("HX-Request");
        if (outcome.Saved && !htmx) return RedirectToPage(new { week = WeekText, storeId = StoreId });
        var stored = outcome.Value ?? (await checks.LineAsync(id))!;
        var week = WeekText ?? "";
        var row = outcome.Status switch
        {
            WriteStatus.Saved => new CheckRow(stored, week, StoreId ?? 0, [], Saved: true),
            // Someone saved the line meanwhile: show theirs, to be checked and saved again.
            WriteStatus.Conflict => new CheckRow(stored, week, StoreId ?? 0, [], l["Filing.StaleLine"]),
            // What was typed stays, with the errors beside it.
            _ => new CheckRow(stored with { Result = result ?? CheckResult.Pending, Description = description, Responsible = responsible, Measure = measure, Version = version ?? stored.Version },
                week, StoreId ?? 0, outcome.Errors.ToDictionary()),
        };
        if (htmx)
        {
            var (store, weekStart) = await ResolveAsync();
            if (store != null && WeekError is null) row = row with { Summary = await checks.WeekAsync(store, weekStart) };
            return Partial("_CheckRow", row);
        }
        await LoadAsync();
        _rows[id] = row with { Week = AuditWeek.Format(Week!.WeekStart), StoreId = Week.Store.Id };
        return Page();
    }
}
