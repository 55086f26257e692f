using Dcrc.Features.Shared;
using Dcrc.Kernel.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Dcrc.Features.Complaints;

/// <summary>Complaint cases: the open ones first with their state and the time left on the running step.</summary>
[RequirePermission("complaints.read")]
public class IndexModel(ComplaintDesk desk, ComplaintNames names, CurrentUser me) : PageModel
{
    public const int PageSize = 30;
    [BindProperty(SupportsGet = true)] public bool All { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;
    public List<(Complaint Case, DateTime? DueAt, bool Breached)> Rows { get; private set; } = [];
    public Pager Pager { get; private set; } = null!;
    public bool MayTakeIn { get; private set; }
    public ComplaintNames.Shown Shown { get; private set; } = ComplaintNames.Shown.Everything;

    public async Task OnGetAsync()
    {
        PageNumber = Math.Max(1, PageNumber);
        MayTakeIn = await me.CanAsync(ComplaintPermissions.Handle);
        var cases = await desk.SearchAsync(All, Q);
        var total = await cases.CountAsync();
        var page = await cases.OrderByDescending(c => c.Emergency).ThenByDescending(c => c.ReceivedAt).ThenByDescending(c => c.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync();
        var limits = await desk.LimitsAsync(page);
        Shown = await names.ForAsync(page);
        foreach (var c in page)
        {
            var running = limits[c.Id].Values.Where(s => s.DueAt is not null).OrderBy(s => s.DueAt).FirstOrDefault();
            Rows.Add((c, running?.DueAt, running?.Breached ?? false));
        }
        Pager = new Pager(PageNumber, PageSize, total, Request);
    }
}
