using Dcrc.Features.Shared;
using Dcrc.Kernel.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dcrc.Features.Complaints.Grievances;

/// <summary>Grievance cases (表5): open ones by time limit, late ones marked.</summary>
[RequirePermission("complaints.grievances")]
public class IndexModel(GrievanceDesk desk, TimeProvider clock) : PageModel
{
    public const int PageSize = 30;
    [BindProperty(SupportsGet = true)] public GrievanceStatus? Status { get; set; } = GrievanceStatus.Open;
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;
    public Kernel.Api.Paged<GrievanceDesk.Row> Rows { get; private set; } = null!;
    public Pager Pager { get; private set; } = null!;
    public DateTime Now { get; private set; }

    public async Task OnGetAsync()
    {
        PageNumber = Math.Max(1, PageNumber);
        Now = clock.GetUtcNow().UtcDateTime;
        Rows = await desk.ListAsync(Status is { } s && Enum.IsDefined(s) ? s : null, PageNumber, PageSize);
        Pager = new Pager(PageNumber, PageSize, Rows.Total, Request);
    }
}
