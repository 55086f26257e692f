using Dcrc.Features.Shared;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Time;
using Dcrc.Kernel.Writes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Dcrc.Features.Service;

/// <summary>
/// 定期保养一览表: the store's vehicles due for maintenance in a window (by default a month back — overdue — to a month
/// ahead), by advisor, model, status and kind; the status of each set after the call; the list as <c>.xlsx</c>.
/// </summary>
[RequirePermission("service.read")]
public class DueModel(MaintenanceList list, MaintenancePlans plans, CurrentUser me, StoreClock storeClock, Kernel.Audit.AuditLog audit, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int PageSize = 50;
    public const int ExportRows = 10_000;
    /// <summary>The default window: this many days back (overdue) and ahead.</summary>
    public const int WindowDays = 30;
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true)] public string? Advisor { get; set; }
    [BindProperty(SupportsGet = true)] public string? Model { get; set; }
    [BindProperty(SupportsGet = true)] public MaintenanceStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public DueKind? Kind { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;
    public List<DueLine> Rows { get; private set; } = [];
    public List<(string Id, string Name)> Advisors { get; private set; } = [];
    public Pager Pager { get; private set; } = null!;
    public DateOnly Today { get; private set; }
    public bool MayRemind { get; private set; }
    public bool NoStore { get; private set; }
    public string? Refusal { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostStatusAsync(long vehicleId, DueStatusInput input)
    {
        var r = await list.SetStatusAsync(vehicleId, input);
        if (r.OutOfReach() is { } away) return away;
        if (r.Saved) { TempData["Flash"] = l["Service.StatusSaved", l[$"MaintenanceStatus.{r.Value!.Status}"]].Value; return LocalRedirect(Request.Path + Request.QueryString); }
        Refusal = r.Errors.Values.SelectMany(m => m).FirstOrDefault();
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync()
    {
        if (!await WindowAsync()) return LocalRedirect("/Service/Due");
        var store = plans.StoreOf(null)!.Value;
        var (rows, total) = await list.PageAsync(store, Filter(), 1, ExportRows);
        var headers = new[] { "Field.DueOn", "Service.Kind", "Field.PlateNumber", "Field.Vin", "Field.Series", "Field.Model", "Field.CustomerName", "Field.Mobile",
            "Field.DueKm", "Service.KmPerDay", "Field.Advisor", "Field.MaintenanceStatus", "Field.Note" }.Select(k => l[k].Value).ToList();
        var lines = rows.Select(x => (IReadOnlyList<string?>)
        [
            x.DueOn.ToString("yyyy-MM-dd"), l[x.Kind == DueKind.First ? "Service.FirstMaintenance" : "Service.RegularMaintenance"], x.Plate, x.Vin, x.Series, x.Model,
            x.CustomerName, x.Mobile, x.DueKm.ToString(), x.KmPerDay.ToString("0.#"), x.AdvisorName, l[$"MaintenanceStatus.{x.Status}"], x.StatusNote,
        ]);
        await audit.WriteReadAsync(ServiceAuditActions.ListExported, $"maintenance list {From:yyyy-MM-dd}..{To:yyyy-MM-dd} advisor={Advisor} model={Model} status={Status} kind={Kind} → {rows.Count} of {total}", storeId: store);
        var footer = total > rows.Count ? [l["Leads.ExportCapped", rows.Count, total].Value] : (IReadOnlyList<string>?)null;
        return File(Kernel.Excel.Spreadsheet.Write(l["Service.DueList"], headers, lines, footer), Kernel.Excel.Spreadsheet.XlsxContentType, "maintenance-due.xlsx");
    }

    private DueFilter Filter() => new(From!.Value, To!.Value, Advisor, Model, Status, Kind);

    /// <summary>The store and the window: defaults when not given, a window that ends before it starts refused.</summary>
    private async Task<bool> WindowAsync()
    {
        if (plans.StoreOf(null) is not { } store) { NoStore = true; return false; }
        Today = await storeClock.TodayAsync(store);
        From ??= Today.AddDays(-WindowDays);
        To ??= Today.AddDays(WindowDays);
        if (To < From) { ModelState.AddModelError(nameof(To), l["Validation.InvalidValue", l["Field.ToDate"]]); To = From; }
        return true;
    }

    private async Task LoadAsync()
    {
        if (!await WindowAsync()) return;
        var store = plans.StoreOf(null)!.Value;
        PageNumber = Math.Max(1, PageNumber);
        MayRemind = await me.CanAsync(ServicePermissions.Remind);
        Advisors = await list.AdvisorsAsync(store);
        var (rows, total) = await list.PageAsync(store, Filter(), PageNumber, PageSize);
        Rows = rows;
        Pager = new Pager(PageNumber, PageSize, total, Request);
    }
}
