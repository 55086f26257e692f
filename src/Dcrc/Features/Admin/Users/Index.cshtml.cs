using Dcrc.Data;
using Dcrc.Features.Shared;
using Dcrc.Kernel.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Dcrc.Features.Admin.Users;

/// <summary>Users, for the system administrator (accounts) and the security administrator (roles).</summary>
public class IndexModel(DcrcDb db, CurrentUser me, TimeProvider clock) : PageModel
{
    public const int PageSize = 20;
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;
    public List<UserList.Row> Rows { get; private set; } = [];
    public Dictionary<int, string> StoreNames { get; private set; } = [];
    public Pager Pager { get; private set; } = null!;
    public bool CanManage { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        CanManage = await me.CanAsync(AdminPermissions.Users);
        if (!CanManage && !await me.CanAsync(AdminPermissions.AssignRoles)) return Forbid();
        PageNumber = Math.Max(1, PageNumber);
        var query = UserList.Query(db, Q);
        var total = await query.CountAsync();
        Rows = await UserList.RowsAsync(db, query, PageNumber, PageSize, clock.GetUtcNow());
        StoreNames = await db.Stores.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name);
        Pager = new Pager(PageNumber, PageSize, total, Request);
        return Page();
    }
}
