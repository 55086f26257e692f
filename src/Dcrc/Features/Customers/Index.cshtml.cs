using Dcrc.Features.Shared;
using Dcrc.Kernel.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dcrc.Features.Customers;

/// <summary>The one search box of the archive, answering as the specialist types (htmx), paged.</summary>
[RequirePermission("customers.read")]
public class IndexModel(CustomerArchive archive, CustomerExport export, CurrentUser me) : PageModel
{
    public const int PageSize = 20;
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;
    public List<CustomerArchive.Row> Rows { get; private set; } = [];
    public Pager Pager { get; private set; } = null!;
    public bool CanWrite { get; private set; }
    public bool CanExport { get; private set; }
    public bool CanExportUnmasked { get; private set; }

    public async Task OnGetAsync()
    {
        CanWrite = await me.CanAsync(CustomerPermissions.Write);
        CanExport = await me.CanAsync(CustomerPermissions.Export);
        CanExportUnmasked = await export.MayExportUnmaskedAsync();
        await LoadAsync();
    }

    public async Task<IActionResult> OnGetExportAsync(bool unmasked = false)
    {
        if (!await me.CanAsync(CustomerPermissions.Export)) return Forbid();
        return await export.ExportAsync(Q, unmasked) is { } result ? File(result.File, Kernel.Excel.Spreadsheet.XlsxContentType, "customers.xlsx") : Forbid();
    }

    public async Task<IActionResult> OnGetResultsAsync()
    {
        await LoadAsync();
        return Partial("_Results", this);
    }

    private async Task LoadAsync()
    {
        PageNumber = Math.Max(1, PageNumber);
        (Rows, var total, var capped) = await archive.SearchAsync(Q, PageNumber, PageSize);
        Pager = new Pager(PageNumber, PageSize, total, Request, capped);
    }
}
