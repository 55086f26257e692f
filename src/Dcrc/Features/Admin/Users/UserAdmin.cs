using System.ComponentModel.DataAnnotations;
using Dcrc.Data;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dcrc.Features.Admin;

public sealed class UserInput
{
    [Required(ErrorMessage = "Validation.Required"), StringLength(32, MinimumLength = 3, ErrorMessage = "Validation.StringLength")]
    [RegularExpression("^[a-zA-Z0-9._-]+$", ErrorMessage = "Validation.UserNameChars")]
    [Display(Name = "Field.UserName")]
    public string? UserName { get; set; }

    [Required(ErrorMessage = "Validation.Required"), StringLength(50, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Field.DisplayName")]
    public string? DisplayName { get; set; }

    [Display(Name = "Field.Department")]
    public int? DepartmentId { get; set; }

    [Display(Name = "Field.Stores")]
    public List<int> StoreIds { get; set; } = [];

    [EmailAddress(ErrorMessage = "Validation.Email"), StringLength(100, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Field.Email")]
    public string? Email { get; set; }

    [Display(Name = "Field.IsActive")]
    public bool IsActive { get; set; } = true;

    /// <summary>Only when creating: the first password, which the user must change at first login.</summary>
    [StringLength(64, ErrorMessage = "Validation.StringLength")]
    [Display(Name = "Field.InitialPassword")]
    public string? Password { get; set; }

    /// <summary>As read with the form; a save after someone else's save is refused.</summary>
    public string? ConcurrencyStamp { get; set; }

    public static UserInput From(AppUser u) => new()
    {
        UserName = u.UserName, DisplayName = u.DisplayName, Email = u.Email, DepartmentId = u.DepartmentId,
        StoreIds = u.Stores.Select(s => s.StoreId).ToList(), IsActive = u.IsActive, ConcurrencyStamp = u.ConcurrencyStamp,
    };
}

/// <summary>
/// User administration for the admin pages and the API. Errors are keyed by input property name. The system
/// administrator manages accounts; only the security administrator assigns roles, and nobody their own.
/// </summary>
public class UserAdmin(DcrcDb db, UserManager<AppUser> users, AuditLog audit, Kernel.Writes.UnitOfWork uow, CurrentUser current,
    TimeProvider clock, IStringLocalizer<SharedResource> l)
{
    public sealed record Outcome(AppUser? User, Dictionary<string, string> Errors)
    {
        public bool Ok => Errors.Count == 0;
    }

    public async Task<Outcome> CreateAsync(UserInput input)
    {
        var errors = await CheckReferencesAsync(input);
        if (string.IsNullOrEmpty(input.Password)) errors[nameof(UserInput.Password)] = l["Validation.Required", l["Field.InitialPassword"]];
        if (errors.Count > 0) return new(null, errors);

        var user = new AppUser
        {
            UserName = input.UserName!.Trim(), DisplayName = input.DisplayName!.Trim(), Email = Blank(input.Email),
            DepartmentId = input.DepartmentId, IsActive = input.IsActive, MustChangePassword = true, CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        user.Stores.AddRange(input.StoreIds.Distinct().Select(s => new StoreMembership { StoreId = s }));
        await using var tx = await db.Database.BeginTransactionAsync();
        var result = await users.CreateAsync(user, input.Password!);
        if (!result.Succeeded) return new(null, IdentityErrors(result));
        await audit.WriteAsync(AuditActions.UserCreated, $"{user.UserName} ({user.DisplayName}); stores {string.Join(",", input.StoreIds)}", "User", user.Id);
        await tx.CommitAsync();
        return new(user, []);
    }

    public async Task<Outcome> UpdateAsync(string id, UserInput input)
    {
        var user = await db.Users.Include(u => u.Stores).FirstOrDefaultAsync(u => u.Id == id);
        if (user is null) return new(null, new() { [""] = l["Problem.NotFound"] });
        if (!await MayManageAccountAsync(user)) return new(user, new() { [""] = l["Users.NotYours"] });
        var errors = await CheckReferencesAsync(input);
        if (errors.Count > 0) return new(user, errors);

        var before = Describe(user);
        db.Entry(user).Property(u => u.ConcurrencyStamp).OriginalValue = input.ConcurrencyStamp;
        user.UserName = input.UserName!.Trim();
        user.DisplayName = input.DisplayName!.Trim();
        user.Email = Blank(input.Email);
        user.DepartmentId = input.DepartmentId;
        user.IsActive = input.IsActive;
        var wanted = input.StoreIds.Distinct().ToHashSet();
        user.Stores.RemoveAll(s => !wanted.Contains(s.StoreId));
        user.Stores.AddRange(wanted.Where(s => user.Stores.All(x => x.StoreId != s)).Select(s => new StoreMembership { UserId = user.Id, StoreId = s }));

        await using var tx = await db.Database.BeginTransactionAsync();
        await users.UpdateNormalizedUserNameAsync(user);
        await users.UpdateNormalizedEmailAsync(user);
        // A new security stamp ends the user's sessions and tokens, so new stores take effect at once.
        var result = await users.UpdateSecurityStampAsync(user);
        // Identity's user manager saves by itself; a refusal of its checks leaves nothing of the edit pending.
        if (!result.Succeeded) { uow.Discard(); return new(user, IdentityErrors(result)); }
        await audit.WriteAsync(AuditActions.UserUpdated, $"{user.UserName}: {before} → {Describe(user)}", "User", user.Id);
        await tx.CommitAsync();
        return new(user, []);
    }

    public async Task<Outcome> SetRolesAsync(string id, IEnumerable<string> roles)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null) return new(null, new() { [""] = l["Problem.NotFound"] });
        if (user.Id == current.Id) return new(user, new() { ["Roles"] = l["Users.CannotChangeOwnRoles"] });
        var wanted = roles.Distinct().ToList();
        var known = await db.Roles.Select(r => r.Name!).ToListAsync();
        if (wanted.Except(known).Any()) return new(user, new() { ["Roles"] = l["Validation.InvalidValue", l["Field.Roles"]] });
        // 三员分立: one person holds at most one of the three administrator roles.
        if (wanted.Count(Roles.Administrators.Contains) > 1 || (wanted.Any(Roles.Administrators.Contains) && wanted.Count > 1))
            return new(user, new() { ["Roles"] = l["Users.AdminRolesExclusive"] });
        var had = await users.GetRolesAsync(user);
        await using var tx = await db.Database.BeginTransactionAsync();
        var removed = await users.RemoveFromRolesAsync(user, had.Except(wanted));
        var added = removed.Succeeded ? await users.AddToRolesAsync(user, wanted.Except(had)) : removed;
        if (!added.Succeeded) return new(user, IdentityErrors(added));
        var stamped = await users.UpdateSecurityStampAsync(user);
        if (!stamped.Succeeded) return new(user, IdentityErrors(stamped));
        await audit.WriteAsync(AuditActions.UserRolesChanged, $"{user.UserName}: [{string.Join(",", had.Order())}] → [{string.Join(",", wanted.Order())}]", "User", user.Id);
        await tx.CommitAsync();
        return new(user, []);
    }

    public async Task<Outcome> ResetPasswordAsync(string id, string newPassword)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null) return new(null, new() { [""] = l["Problem.NotFound"] });
        if (!await MayManageAccountAsync(user)) return new(user, new() { [""] = l["Users.NotYours"] });
        await using var tx = await db.Database.BeginTransactionAsync();
        // The flag is saved together with the new hash: whoever set the password is not its owner.
        user.MustChangePassword = true;
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var result = await users.ResetPasswordAsync(user, token, newPassword);
        if (!result.Succeeded) return new(user, IdentityErrors(result, nameof(UserInput.Password)));
        await audit.WriteAsync(AuditActions.UserPasswordReset, user.UserName!, "User", user.Id);
        await tx.CommitAsync();
        return new(user, []);
    }

    public async Task<Outcome> UnlockAsync(string id)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null) return new(null, new() { [""] = l["Problem.NotFound"] });
        if (!await MayManageAccountAsync(user)) return new(user, new() { [""] = l["Users.NotYours"] });
        await using var tx = await db.Database.BeginTransactionAsync();
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        var result = await users.UpdateAsync(user);
        if (!result.Succeeded) return new(user, IdentityErrors(result));
        await audit.WriteAsync(AuditActions.UserUnlocked, user.UserName!, "User", user.Id);
        await tx.CommitAsync();
        return new(user, []);
    }

    /// <summary>
    /// Who may change an account: the system administrator for ordinary users; for an administrator's
    /// account only the security administrator, so the system administrator cannot reset the audit or
    /// security administrator's password and sign in as them. Nobody administers their own account here.
    /// </summary>
    public async Task<bool> MayManageAccountAsync(AppUser target)
    {
        if (target.Id == current.Id) return false;
        var holdsAdminRole = (await users.GetRolesAsync(target)).Any(Roles.Administrators.Contains);
        return holdsAdminRole ? await current.CanAsync(AdminPermissions.AssignRoles) : await current.CanAsync(AdminPermissions.Users);
    }

    private async Task<Dictionary<string, string>> CheckReferencesAsync(UserInput input)
    {
        var errors = new Dictionary<string, string>();
        if (input.DepartmentId is { } d && !await db.Departments.AnyAsync(x => x.Id == d))
            errors[nameof(UserInput.DepartmentId)] = l["Validation.InvalidValue", l["Field.Department"]];
        var ids = input.StoreIds.Distinct().ToList();
        if (await db.Stores.CountAsync(s => ids.Contains(s.Id)) != ids.Count)
            errors[nameof(UserInput.StoreIds)] = l["Validation.InvalidValue", l["Field.Stores"]];
        return errors;
    }

    private static Dictionary<string, string> IdentityErrors(IdentityResult result, string? field = null)
    {
        var errors = new Dictionary<string, string>();
        foreach (var e in result.Errors)
        {
            var key = field ?? (e.Code.StartsWith("Password", StringComparison.Ordinal) ? nameof(UserInput.Password)
                : e.Code.Contains("UserName", StringComparison.Ordinal) ? nameof(UserInput.UserName)
                : e.Code.Contains("Email", StringComparison.Ordinal) ? nameof(UserInput.Email) : "");
            errors[key] = errors.TryGetValue(key, out var prev) ? prev + " " + e.Description : e.Description;
        }
        return errors;
    }

    private static string Describe(AppUser u) =>
        $"name={u.DisplayName}; dept={u.DepartmentId}; stores={string.Join(",", u.Stores.Select(s => s.StoreId).Order())}; active={u.IsActive}";

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
