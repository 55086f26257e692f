using Dcrc.Data;
using Dcrc.Kernel.Access;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Dcrc.Features.Admin.Stores;

[RequirePermission("stores.manage")]
public class IndexModel(DcrcDb db) : PageModel
{
    public List<Store> Stores { get; private set; } = [];

    public async Task OnGetAsync() => Stores = await db.Stores.AsNoTracking().OrderBy(s => s.Code).ToListAsync();
}
