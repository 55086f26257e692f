using System.ComponentModel.DataAnnotations;
using Dcrc.Data;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Api;
using Dcrc.Kernel.Settings;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dcrc.Features.Admin;

public static class AdminApi
{
    public sealed record StoreDto(int Id, string Code, string Name, string? Province, string? City, string TimeZone, bool IsActive);
    public sealed record UserDto(string Id, string UserName, string DisplayName, int? DepartmentId, IReadOnlyList<int> StoreIds, IReadOnlyList<string> Roles, bool IsActive, bool LockedOut);
    public sealed record SettingDto(string Key, string Value, string Default, string Source, int? Version);
    public sealed record SettingUpdate([property: Display(Name = "Field.Value")] string? Value, int? Version);
    public sealed record RolesUpdate(List<string> Roles);

    public static RouteGroupBuilder MapAdminApi(this RouteGroupBuilder api)
    {
        api.MapGet("/stores", ListStores).WithSummary("Stores the caller can see");
        api.MapGet("/users", ListUsers).RequireAuthorization(PermissionPolicies.AnyOf(AdminPermissions.Users, AdminPermissions.AssignRoles)).WithSummary("Users, paged; q filters by user name or display name");
        api.MapPost("/users", CreateUser).RequireAuthorization(AdminPermissions.Users.Policy).WithSummary("Create a user (must change the initial password at first login)");
        api.MapPut("/users/{id}/roles", SetRoles).RequireAuthorization(AdminPermissions.AssignRoles.Policy).WithSummary("Replace a user's roles (security administrator)");
        api.MapGet("/settings", ListSettings).RequireAuthorization(AdminPermissions.Settings.Policy).WithSummary("Business settings for the group (no storeId) or one store");
        api.MapPut("/settings/{key}", UpdateSetting).RequireAuthorization(AdminPermissions.Settings.Policy).WithSummary("Set or (empty value) clear a setting for the group or one store");
        return api;
    }

    public static async Task<Ok<List<StoreDto>>> ListStores(DcrcDb db, StoreScope scope) =>
        TypedResults.Ok(await db.Stores.AsNoTracking().Where(s => scope.AllStores || scope.StoreIds.Contains(s.Id)).OrderBy(s => s.Code)
            .Select(s => new StoreDto(s.Id, s.Code, s.Name, s.Province, s.City, s.TimeZone, s.IsActive)).ToListAsync());

    public static async Task<Ok<Paged<UserDto>>> ListUsers(DcrcDb db, TimeProvider clock, string? q, int page = 1, int pageSize = 20)
    {
        (page, pageSize) = (Math.Max(1, page), Math.Clamp(pageSize, 1, 200));
        var query = UserList.Query(db, q);
        var total = await query.CountAsync();
        var rows = await UserList.RowsAsync(db, query, page, pageSize, clock.GetUtcNow());
        return TypedResults.Ok(new Paged<UserDto>(rows.Select(r => new UserDto(r.Id, r.UserName, r.DisplayName, r.DepartmentId, r.StoreIds, r.Roles, r.IsActive, r.LockedOut)).ToList(), page, pageSize, total));
    }

    public static async Task<Results<Created<UserDto>, ValidationProblem>> CreateUser(UserInput input, UserAdmin admin, ApiValidator validator)
    {
        var errors = validator.Validate(input);
        if (errors.Count > 0) return validator.Problem(errors);
        var outcome = await admin.CreateAsync(input);
        if (!outcome.Ok) return validator.Problem(outcome.Errors.ToDictionary(e => ApiValidator.FieldName(e.Key), e => new[] { e.Value }));
        var u = outcome.User!;
        return TypedResults.Created($"/api/v1/users/{u.Id}", new UserDto(u.Id, u.UserName!, u.DisplayName, u.DepartmentId, input.StoreIds, [], u.IsActive, false));
    }

    public static async Task<Results<NoContent, NotFound, ValidationProblem>> SetRoles(string id, RolesUpdate body, UserAdmin admin, ApiValidator validator)
    {
        var outcome = await admin.SetRolesAsync(id, body.Roles ?? []);
        if (outcome.User is null) return TypedResults.NotFound();
        if (!outcome.Ok) return validator.Problem(outcome.Errors.ToDictionary(e => ApiValidator.FieldName(e.Key), e => new[] { e.Value }));
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<List<SettingDto>>, NotFound>> ListSettings(DcrcDb db, SettingsStore settings, int? storeId)
    {
        if (storeId is { } s && !await db.Stores.AnyAsync(x => x.Id == s)) return TypedResults.NotFound();
        var list = new List<SettingDto>();
        foreach (var def in SettingsCatalog.All)
        {
            var r = await settings.ResolveAsync(def, storeId);
            list.Add(new SettingDto(def.Key, r.Value, def.DefaultText, r.Source.ToString().ToLowerInvariant(), r.Row?.Version));
        }
        return TypedResults.Ok(list);
    }

    public static async Task<Results<NoContent, NotFound, ValidationProblem>> UpdateSetting(string key, SettingUpdate body, int? storeId,
        DcrcDb db, SettingsStore settings, ApiValidator validator, IStringLocalizer<SharedResource> l)
    {
        if (SettingsCatalog.Find(key) is null) return TypedResults.NotFound();
        var store = storeId is { } s ? await db.Stores.FirstOrDefaultAsync(x => x.Id == s) : null;
        if (storeId != null && store is null) return TypedResults.NotFound();
        var errors = await settings.SaveAsync(storeId, [new(key, body.Value, body.Version)], store?.Code ?? "group");
        if (errors.Count > 0)
            return validator.Problem("value", l[errors[0].MessageKey, [l["Setting." + key].Value, .. errors[0].Args]]);
        return TypedResults.NoContent();
    }
}
