using Dcrc.Features.Shared;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Writes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Dcrc.Features.Leads;

/// <summary>The store's pool (公海): leads nobody followed for too long, oldest first, and (asked) the lost ones kept for campaigns; a consultant claims one here.</summary>
[RequirePermission("leads.read")]
public class PoolModel(LeadViews views, LeadDesk desk, CurrentUser me, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int PageSize = 30;
    [BindProperty(SupportsGet = true)] public bool Lost { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;
    public List<LeadLine> Rows { get; private set; } = [];
    public Pager Pager { get; private set; } = null!;
    public bool MayClaim { get; private set; }
    public string? Refusal { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostClaimAsync(long id, int version)
    {
        var r = await desk.ClaimAsync(id, new VersionInput { Version = version });
        if (r.OutOfReach() is { } away) return away;
        if (r.Saved)
        {
            TempData["Flash"] = l["Leads.ClaimedByYou"].Value;
            return LocalRedirect($"/Leads/{id}");
        }
        Refusal = r.Errors.Values.SelectMany(m => m).FirstOrDefault();
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        PageNumber = Math.Max(1, PageNumber);
        MayClaim = await me.CanAsync(LeadPermissions.Follow);
        var (items, total) = await views.PoolAsync(Lost, PageNumber, PageSize);
        Rows = items;
        Pager = new Pager(PageNumber, PageSize, total, Request);
    }
}
