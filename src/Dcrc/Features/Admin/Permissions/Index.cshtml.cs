using Dcrc.Kernel.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Dcrc.Features.Admin.Permissions;

[RequirePermission("roles.manage")]
public class IndexModel(RolePermissions matrix, IStringLocalizer<SharedResource> l) : PageModel
{
    public IReadOnlyList<string> RoleNames { get; } = Kernel.Access.Roles.All.Select(r => r.Name).ToList();
    public IReadOnlyList<Permission> Permissions => PermissionCatalog.All;
    public Dictionary<string, HashSet<string>> Grants { get; private set; } = [];
    public string? Error { get; private set; }

    public string ReadStamp => RolePermissions.Stamp(Grants);

    public async Task OnGetAsync() => Grants = await matrix.GrantsAsync();

    public async Task<IActionResult> OnPostAsync(List<string> grant, string? stamp)
    {
        var wanted = RoleNames.ToDictionary(r => r, _ => new HashSet<string>());
        foreach (var g in grant)
        {
            var parts = g.Split('|');
            if (parts.Length == 2 && wanted.TryGetValue(parts[0], out var set)) set.Add(parts[1]);
        }
        var result = await matrix.SaveAsync(wanted, stamp);
        if (result != RolePermissions.SaveResult.Saved)
        {
            Error = result == RolePermissions.SaveResult.Conflict ? l["Validation.Concurrency"] : l["Roles.ExclusiveViolation"];
            Grants = await matrix.GrantsAsync();
            return Page();
        }
        TempData["Flash"] = l["Common.Saved"].Value;
        return Redirect("/Admin/Permissions");
    }
}
