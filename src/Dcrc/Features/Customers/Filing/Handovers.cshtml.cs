using Dcrc.Features.Shared;
using Dcrc.Kernel.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Dcrc.Features.Customers.Filing;

/// <summary>
/// The documents the departments owe DCRC (002 §五): outstanding oldest due first, late ones marked and
/// filterable; marking them received; what came in and whether it was late; export.
/// </summary>
[RequirePermission("customers.filing")]
public class HandoversModel(DocumentHandovers handovers, CurrentUser me, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int PageSize = 20;
    [BindProperty(SupportsGet = true)] public HandoverView View { get; set; }
    [BindProperty(SupportsGet = true)] public bool Late { get; set; }
    /// <summary>An agreement or repair-order number, or its beginning, as read off the papers.</summary>
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;
    public DocumentHandovers.Listing Listing { get; private set; } = null!;
    public Pager Pager { get; private set; } = null!;
    [TempData] public string? Notice { get; set; }
    /// <summary>DCRC staff record received documents; the GM only follows the list.</summary>
    public bool CanRecord { get; private set; }

    public async Task OnGetAsync()
    {
        PageNumber = Math.Max(1, PageNumber);
        CanRecord = await me.CanAsync(FilingPermissions.Record);
        Listing = await handovers.ListAsync(View, Late, Q, PageNumber, PageSize);
        Pager = new Pager(PageNumber, PageSize, Listing.Total, Request);
    }

    public async Task<IActionResult> OnGetExportAsync() =>
        File((await handovers.ExportAsync(View, Late, Q)).File, Kernel.Excel.Spreadsheet.XlsxContentType, "handovers.xlsx");

    /// <summary>The documents of one transaction are at DCRC; back to the list as it was.</summary>
    public async Task<IActionResult> OnPostReceivedAsync(long id)
    {
        if (!await me.CanAsync(FilingPermissions.Record)) return Forbid();
        var (result, row) = await handovers.ReceiveAsync(id);
        if (result == DocumentHandovers.ReceiveResult.NotFound) return NotFound();
        if (result == DocumentHandovers.ReceiveResult.AlreadyReceived) Notice = l["Filing.AlreadyReceived", row!.Number, row.ReceivedBy ?? ""];
        else TempData["Flash"] = row!.Late ? l["Filing.ReceivedLate", row.Number, row.DaysLate].Value : l["Filing.ReceivedOnTime", row.Number].Value;
        // "page" is the route value naming the Razor page, so the list's page number goes into the query by hand.
        return LocalRedirect($"/Customers/Filing/Handovers?view={View}&late={(Late ? "true" : "false")}&q={Uri.EscapeDataString(Q ?? "")}&page={Math.Max(1, PageNumber)}");
    }
}
