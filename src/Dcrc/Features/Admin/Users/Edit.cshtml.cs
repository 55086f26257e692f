using Dcrc.Data;
using Dcrc.Kernel.Access;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dcrc.Features.Admin.Users;

public class EditModel(DcrcDb db, UserAdmin admin, UserManager<AppUser> users, CurrentUser me, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [FromRoute] public string? Id { get; set; }
    [BindProperty] public UserInput Input { get; set; } = new();
    public AppUser? Existing { get; private set; }
    public List<Department> Departments { get; private set; } = [];
    public List<Store> Stores { get; private set; } = [];
    public List<string> AllRoles { get; private set; } = [];
    public IList<string> UserRoles { get; private set; } = [];
    public bool CanManage { get; private set; }
    public bool CanAssignRoles { get; private set; }
    public bool LockedOut { get; private set; }

    private async Task<bool> LoadAsync()
    {
        CanManage = await me.CanAsync(AdminPermissions.Users);
        CanAssignRoles = await me.CanAsync(AdminPermissions.AssignRoles) && Id != me.Id;
        Departments = await db.Departments.AsNoTracking().Where(d => d.IsActive).OrderBy(d => d.Code).ToListAsync();
        Stores = await db.Stores.AsNoTracking().OrderBy(s => s.Code).ToListAsync();
        AllRoles = Roles.All.Select(r => r.Name).ToList();
        if (Id is null) return true;
        Existing = await db.Users.AsNoTracking().Include(u => u.Stores).FirstOrDefaultAsync(u => u.Id == Id);
        if (Existing is null) return false;
        CanManage = await admin.MayManageAccountAsync(Existing);
        UserRoles = await users.GetRolesAsync(Existing);
        LockedOut = Existing.LockoutEnd > clock.GetUtcNow();
        return true;
    }

    private async Task<bool> AllowedAsync() => await me.CanAsync(AdminPermissions.Users) || await me.CanAsync(AdminPermissions.AssignRoles);

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await AllowedAsync()) return Forbid();
        if (!await LoadAsync()) return NotFound();
        if (Existing is null && !CanManage) return Forbid();
        if (Existing != null)
            Input = UserInput.From(Existing);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (Id is null ? !await me.CanAsync(AdminPermissions.Users) : !await AllowedAsync()) return Forbid();
        if (ModelState.IsValid)
        {
            var outcome = Id is null ? await admin.CreateAsync(Input) : await admin.UpdateAsync(Id, Input);
            if (outcome.User is null && Id != null) return NotFound();
            if (outcome.Ok)
            {
                TempData["Flash"] = l["Common.Saved"].Value;
                return Redirect($"/Admin/Users/Edit/{outcome.User!.Id}");
            }
            foreach (var (key, message) in outcome.Errors)
                ModelState.AddModelError(key == "" ? "" : "Input." + key, message);
        }
        if (!await LoadAsync()) return NotFound();
        return Page();
    }

    public async Task<IActionResult> OnPostRolesAsync(List<string> roles)
    {
        if (!await me.CanAsync(AdminPermissions.AssignRoles) || Id is null) return Forbid();
        var outcome = await admin.SetRolesAsync(Id, roles);
        if (outcome.User is null) return NotFound();
        if (outcome.Ok)
        {
            TempData["Flash"] = l["Common.Saved"].Value;
            return Redirect($"/Admin/Users/Edit/{Id}");
        }
        ViewData["RolesError"] = string.Join(" ", outcome.Errors.Values);
        return await ReloadAsync();
    }

    public async Task<IActionResult> OnPostResetPasswordAsync(string? newPassword)
    {
        if (!await AllowedAsync() || Id is null) return Forbid();
        if (string.IsNullOrEmpty(newPassword))
        {
            ViewData["ResetError"] = l["Validation.Required", l["Users.ResetPassword"]].Value;
            return await ReloadAsync();
        }
        var outcome = await admin.ResetPasswordAsync(Id, newPassword);
        if (outcome.User is null) return NotFound();
        if (!outcome.Ok)
        {
            ViewData["ResetError"] = string.Join(" ", outcome.Errors.Values);
            return await ReloadAsync();
        }
        TempData["Flash"] = l["Users.PasswordReset"].Value;
        return Redirect($"/Admin/Users/Edit/{Id}");
    }

    public async Task<IActionResult> OnPostUnlockAsync()
    {
        if (!await AllowedAsync() || Id is null) return Forbid();
        var outcome = await admin.UnlockAsync(Id);
        if (outcome.User is null) return NotFound();
        if (!outcome.Ok) return Forbid();
        TempData["Flash"] = l["Users.Unlocked"].Value;
        return Redirect($"/Admin/Users/Edit/{Id}");
    }

    private async Task<IActionResult> ReloadAsync()
    {
        if (!await LoadAsync()) return NotFound();
        Input = UserInput.From(Existing!);
        ModelState.Clear();
        return Page();
    }
}
