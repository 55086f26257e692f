using System.Globalization;
using System.Text.RegularExpressions;
using Dcrc.Data;
using Dcrc.Features.Callbacks;
using Dcrc.Features.Customers;
using Dcrc.Features.Customers.Records;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Api;
using Dcrc.Kernel.Audit;
using Dcrc.Kernel.Deadlines;
using Dcrc.Kernel.Identifiers;
using Dcrc.Kernel.Settings;
using Dcrc.Kernel.Time;
using Dcrc.Kernel.Writes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dcrc.Features.Calls;

/// <summary>Agent lines: which telephone line each agent sits on, kept by whoever manages lines (the telephony push finds its agent by the line).</summary>
public partial class CallDesk
{
    public sealed record LineRow(int Id, int StoreId, string Line, string? UserId, string? UserName, DateTime UpdatedAt, string? UpdatedBy);

    [GeneratedRegex(@"^[A-Za-z0-9#*_.\-]{1,20}$")]
    private static partial Regex LineName();

    public Task<AgentLine?> MyLineAsync()
    {
        var id = me.Id ?? "";
        return db.AgentLines.AsNoTracking().Where(x => x.UserId == id).OrderBy(x => x.Id).FirstOrDefaultAsync();
    }

    public async Task<List<LineRow>> LinesAsync()
    {
        var q = db.AgentLines.AsNoTracking();
        if (scope.CurrentStoreId is { } store) q = q.Where(x => x.StoreId == store);
        return await q.OrderBy(x => x.StoreId).ThenBy(x => x.Line)
            .Select(x => new LineRow(x.Id, x.StoreId, x.Line, x.UserId, db.Users.Where(u => u.Id == x.UserId).Select(u => u.DisplayName).FirstOrDefault(), x.UpdatedAt, x.UpdatedBy))
            .ToListAsync();
    }

    /// <summary>The agents a line can be given to: active users of the store who work the call desk.</summary>
    public async Task<List<(string Id, string Name)>> AgentsAsync(int storeId)
    {
        var deskRoles = db.Roles.Where(r => db.RoleClaims.Any(c => c.RoleId == r.Id && c.ClaimType == AccessControl.PermissionClaim && c.ClaimValue == CallPermissions.Desk.Name))
            .Select(r => r.Id);
        var users = await db.Users.Where(u => u.IsActive && u.Stores.Any(s => s.StoreId == storeId) && db.UserRoles.Any(ur => ur.UserId == u.Id && deskRoles.Contains(ur.RoleId)))
            .OrderBy(u => u.DisplayName).Select(u => new { u.Id, u.DisplayName }).ToListAsync();
        return users.Select(u => (u.Id, u.DisplayName)).ToList();
    }

    /// <summary>
    /// Puts <paramref name="userId"/> (null: nobody) on a line of a store, creating the line if new; an agent sits on one
    /// line at a time, so their other lines are freed. The agent themselves, or whoever manages the lines.
    /// </summary>
    public async Task<(AgentLine? Line, Dictionary<string, string[]> Errors)> SetLineAsync(string? line, string? userId, int? storeId)
    {
        var name = (line ?? "").Trim();
        var errors = new Dictionary<string, string[]>();
        if (name.Length == 0) errors["line"] = [l["Validation.Required", l["Field.Line"]]];
        else if (!LineName().IsMatch(name)) errors["line"] = [l["Calls.LineFormat"]];
        var manages = await me.CanAsync(CallPermissions.Lines);
        if (userId is not null && userId != me.Id && !manages) errors["userId"] = [l["Validation.InvalidValue", l["Field.Agent"]]];
        var store = await StoreForAsync(storeId);
        if (store is null) errors["storeId"] = [l["Calls.ChooseStore"]];
        if (errors.Count > 0) return (null, errors);
        if (userId is not null && !await db.Users.AnyAsync(u => u.Id == userId && u.IsActive && u.Stores.Any(s => s.StoreId == store)))
            return (null, new() { ["userId"] = [l["Validation.InvalidValue", l["Field.Agent"]]] });
        var row = await db.AgentLines.IgnoreQueryFilters().FirstOrDefaultAsync(x => x.Line == name);
        if (row is not null && row.StoreId != store) return (null, new() { ["line"] = [l["Calls.LineOfOtherStore", name]] });
        // A line another agent sits on is theirs: only whoever manages the lines may take it over or free it.
        if (row is not null && row.UserId is not null && row.UserId != me.Id && !manages) return (null, new() { ["line"] = [l["Calls.LineHeld", name]] });
        var now = clock.GetUtcNow().UtcDateTime;
        if (row is null) db.AgentLines.Add(row = new AgentLine { StoreId = store!.Value, Line = name });
        if (userId is not null)
            foreach (var other in await db.AgentLines.Where(x => x.UserId == userId && x.Line != name).ToListAsync())
            {
                other.UserId = null;
                other.UpdatedAt = now;
                other.UpdatedBy = me.UserName;
            }
        row.UserId = userId;
        row.UpdatedAt = now;
        row.UpdatedBy = me.UserName;
        uow.AuditOnSave(() => new(CallAuditActions.Line, $"{name}: {userId ?? "-"}", "AgentLine", row.Id.ToString(CultureInfo.InvariantCulture), row.StoreId));
        // The same new line added at the same moment elsewhere (unique line name).
        var saved = await uow.SaveAsync(row, taken: () => uow.Refuse<AgentLine>("line", l["Validation.Concurrency"]));
        return saved.Saved ? (row, []) : (null, saved.Errors.ToDictionary());
    }

    /// <summary>Removes a line (managers).</summary>
    public async Task<bool> DeleteLineAsync(int id)
    {
        var row = await db.AgentLines.FirstOrDefaultAsync(x => x.Id == id);
        if (row is null) return false;
        db.AgentLines.Remove(row);
        uow.Audit(new(CallAuditActions.Line, $"{row.Line}: removed", "AgentLine", id.ToString(CultureInfo.InvariantCulture), row.StoreId));
        await uow.SaveAsync(row);
        return true;
    }
}
