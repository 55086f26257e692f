using Dcrc.Data;
using Dcrc.Kernel.Access;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Dcrc.Features.Admin.Departments;

[RequirePermission("departments.manage")]
public class IndexModel(DcrcDb db) : PageModel
{
    public List<Department> Departments { get; private set; } = [];

    public async Task OnGetAsync() => Departments = await db.Departments.AsNoTracking().OrderBy(d => d.Code).ToListAsync();
}
