using Dcrc.Kernel.Writes;
using Dcrc.Data;
using Dcrc.Features.Shared;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Audit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Dcrc.Features.Callbacks.Reports;

/// <summary>
/// 不确定客户记录表 (002 表4): tasks whose number proved wrong or empty, the uncorrected first, with what was found
/// since; a DCRC user enters the right mobile (and name, other phone) and the task is called again. Dates optional.
/// </summary>
[RequirePermission("callbacks.reports")]
public class InvalidModel(ReportFilters filters, CallbackLists lists, ReportExports exports, NumberCorrections corrections, AuditLog audit, DcrcDb db,
    StoreScope scope, TimeProvider clock, IStringLocalizer<SharedResource> l) : ReportPage(db, scope, clock)
{
    public Kernel.Api.Paged<CallbackLists.InvalidRow> Rows { get; private set; } = null!;
    public Pager Pager { get; private set; } = null!;
    public bool MayCorrect { get; private set; }
    [BindProperty] public CorrectNumberInput Correction { get; set; } = new();
    /// <summary>The task whose correction was refused: its form stays open with what was typed (the mobile aside).</summary>
    public long? RefusedTask { get; private set; }

    private ReportPeriod? Range => DatesGiven ? Period : null;

    private async Task LoadAsync()
    {
        await UseAsync(await filters.RangeAsync(From, To, StoreId));
        Rows = await lists.InvalidAsync(Range, Period.StoreId, PageNumber, PageSize);
        Pager = new Pager(PageNumber, PageSize, Rows.Total, Request);
        MayCorrect = await corrections.MayCorrectAsync();
        await audit.WriteReadAsync(CallbackReportAuditActions.Read, $"invalid {Range?.Label ?? "all dates"} store={Period.StoreId} page={PageNumber} → {Rows.Total}",
            storeId: Period.StoreId);
    }

    public Task OnGetAsync() => LoadAsync();

    public async Task<IActionResult> OnGetExportAsync()
    {
        await UseAsync(await filters.RangeAsync(From, To, StoreId));
        return Xlsx(await exports.InvalidAsync(Range, Period));
    }

    public async Task<IActionResult> OnPostCorrectAsync(long id)
    {
        var r = await corrections.CorrectAsync(id, Correction);
        if (r.OutOfReach() is { } away) return away;
        if (r.Status == WriteStatus.Conflict) { TempData["Flash"] = r.Errors.Values.SelectMany(m => m).First(); return Back(); }
        if (!r.Saved)
        {
            ModelState.Clear();
            foreach (var (key, messages) in r.Errors)
                foreach (var m in messages) ModelState.AddModelError("Correction." + key, m);
            RefusedTask = id;
            Correction.Mobile = null;
            await LoadAsync();
            return Page();
        }
        TempData["Flash"] = l["Reports.Corrected", r.Value!.Id].Value;
        return Back();
    }

    // "page" is the route value naming the Razor page, so the list's page number goes into the query by hand.
    private IActionResult Back() => LocalRedirect($"/Callbacks/Reports/Invalid?from={Uri.EscapeDataString(From ?? "")}&to={Uri.EscapeDataString(To ?? "")}"
        + $"&storeId={StoreId}&page={Math.Max(1, PageNumber)}");
}
