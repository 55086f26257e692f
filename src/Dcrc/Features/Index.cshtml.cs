using Dcrc.Data;
using Dcrc.Kernel.Access;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Dcrc.Features;

/// <summary>The workbench: who you are and where. Each feature adds its own panel of today's work here.</summary>
public class IndexModel(CurrentUser user, DcrcDb db) : PageModel
{
    public string DisplayName => user.DisplayName;
    public IReadOnlyList<string> Roles => user.Roles;
    public List<string> Stores { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var ids = user.StoreIds;
        Stores = await db.Stores.AsNoTracking().Where(s => ids.Contains(s.Id)).OrderBy(s => s.Code).Select(s => s.Name).ToListAsync();
    }
}
