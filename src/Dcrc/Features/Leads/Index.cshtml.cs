using Dcrc.Features.Shared;
using Dcrc.Kernel.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dcrc.Features.Leads;

/// <summary>Leads the user may see, newest first: searched by number, mobile, its last four digits or name; filtered by state, level, source, consultant, late, dates.</summary>
[RequirePermission("leads.read")]
public class IndexModel(LeadViews views, LeadDesk desk, CurrentUser me, StoreScope scope, Kernel.Audit.AuditLog audit, Kernel.Time.StoreClock storeClock,
    Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> l) : PageModel
{
    public const int PageSize = 30;
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public LeadState? State { get; set; }
    [BindProperty(SupportsGet = true)] public string? Level { get; set; }
    [BindProperty(SupportsGet = true)] public LeadSource? Source { get; set; }
    [BindProperty(SupportsGet = true)] public string? Consultant { get; set; }
    [BindProperty(SupportsGet = true)] public bool Late { get; set; }
    [BindProperty(SupportsGet = true)] public bool Open { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;
    public List<LeadLine> Rows { get; private set; } = [];
    public Pager Pager { get; private set; } = null!;
    public bool MayCreate { get; private set; }
    public bool MayApprove { get; private set; }
    public IReadOnlyList<IntentLevel> Levels { get; private set; } = [];
    public List<Consultant> Consultants { get; private set; } = [];

    public const int ExportRows = 10_000;

    /// <summary>The filtered list as <c>.xlsx</c> (mobiles masked, at most <see cref="ExportRows"/> rows, newest first; audited).</summary>
    public async Task<IActionResult> OnGetExportAsync()
    {
        var filter = new LeadFilter(Q, State, Level, Source, Consultant, Late ? true : null, Open, From, To is { } t && From is { } f && t < f ? null : To);
        var (rows, total) = await views.PageAsync(filter, 1, ExportRows);
        var zones = await storeClock.ZonesAsync(rows.Select(x => x.StoreId));
        var headers = new[] { "Leads.Number", "Field.PersonName", "Field.Mobile", "Field.IntentLevel", "Field.Series", "Field.Model", "Field.LeadSource", "Leads.State",
            "Field.Consultant", "Field.NextFollowUpOn", "Leads.CreatedAt", "Leads.Late" }.Select(k => l[k].Value).ToList();
        var lines = rows.Select(x => (IReadOnlyList<string?>)
        [
            x.Number, x.Name, x.Mobile, x.IntentLevel, x.Series, x.Model, l[$"LeadSource.{x.Source}"], l[$"LeadState.{x.State}"], x.ConsultantName ?? l["Leads.Unassigned"],
            x.NextFollowUpOn?.ToString("yyyy-MM-dd"), Kernel.Time.StoreTime.Format(x.CreatedAt, zones[x.StoreId]), x.Late ? l["Common.Yes"] : l["Common.No"],
        ]);
        await audit.WriteReadAsync(LeadAuditActions.Exported, $"lead list q={(Q is { } q && Kernel.Identifiers.Phone.Digits(q).Length == 11 ? Kernel.Identifiers.Phone.Mask(Kernel.Identifiers.Phone.Digits(q)) : Q)} state={State} level={Level} source={Source} consultant={Consultant} late={Late} open={Open} from={From} to={To} → {rows.Count} of {total}",
            storeId: scope.CurrentStoreId);
        var footer = total > rows.Count ? [l["Leads.ExportCapped", rows.Count, total].Value] : (IReadOnlyList<string>?)null;
        return File(Kernel.Excel.Spreadsheet.Write(l["Leads.Title"], headers, lines, footer), Kernel.Excel.Spreadsheet.XlsxContentType, "leads.xlsx");
    }

    public async Task OnGetAsync()
    {
        PageNumber = Math.Max(1, PageNumber);
        if (From is { } f && To is { } t && t < f) ModelState.AddModelError(nameof(To), l["Validation.InvalidValue", l["Field.ToDate"]]);
        (MayCreate, MayApprove) = (await me.CanAsync(LeadPermissions.Create), await me.CanAsync(LeadPermissions.ApproveLost));
        var store = scope.CurrentStoreId ?? (me.StoreIds.Count == 1 ? me.StoreIds[0] : (int?)null);
        if (store is { } s)
        {
            Levels = await desk.LevelsAsync(s);
            if (await me.CanAsync(LeadPermissions.Assign) || MayApprove) Consultants = await desk.ConsultantsAsync(s);
        }
        var (items, total) = await views.PageAsync(new LeadFilter(Q, State, Level, Source, Consultant, Late ? true : null, Open, From, ModelState.IsValid ? To : null), PageNumber, PageSize);
        Rows = items;
        Pager = new Pager(PageNumber, PageSize, total, Request);
    }
}
