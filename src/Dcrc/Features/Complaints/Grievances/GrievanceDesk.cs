using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Dcrc.Data;
using Dcrc.Features.Callbacks;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Api;
using Dcrc.Kernel.Audit;
using Dcrc.Kernel.Deadlines;
using Dcrc.Kernel.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dcrc.Features.Complaints.Grievances;

[PermissionSet]
public static class GrievancePermissions
{
    /// <summary>Reading and handling grievance cases (表5): DCRC, the GM and the departments' managers.</summary>
    public static readonly Permission Handle = new("complaints.grievances", Roles.GeneralManager, Roles.CrManager, Roles.CallbackSpecialist,
        Roles.SalesManager, Roles.ServiceManager);
}

[AuditActionSet]
public static class GrievanceAuditActions
{
    public const string Opened = "complaints.grievance_opened";
    public const string Updated = "complaints.grievance_updated";
    public const string Read = "complaints.grievance_read";
}

public sealed class GrievanceInput
{
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Field.GrievanceCategory")] public GrievanceCategory? Category { get; set; }
    [Display(Name = "Field.Department")] public int? DepartmentId { get; set; }
    [StringLength(50, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.Responsible")] public string? Responsible { get; set; }
    [StringLength(2000, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.GrievanceProcess")] public string? Process { get; set; }
    [StringLength(1000, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.GrievanceResult")] public string? Result { get; set; }
    [StringLength(1000, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.GrievanceFollowUp")] public string? FollowUp { get; set; }
    /// <summary>Close the case (needs a result).</summary>
    [Display(Name = "Field.CloseCase")] public bool Close { get; set; }
    public int? Version { get; set; }
}

/// <summary>Grievance cases: opened from a callback, handled by the responsible department against the result time limit.</summary>
public class GrievanceDesk(DcrcDb db, CurrentUser me, StoreCalendars calendars, SettingsStore settings, AuditLog audit, TimeProvider clock,
    IStringLocalizer<SharedResource> l)
{
    public sealed record Row(long Id, string CaseNumber, int StoreId, DateOnly ReceivedOn, GrievanceCategory Category, long CustomerId, string CustomerName,
        string Content, string? Department, string? Responsible, DateTime DueAt, GrievanceStatus Status, bool Late, long? CallbackTaskId);

    /// <summary>Opens a case for a callback's grievance in the caller's transaction; the department is the event's consultant's or advisor's.</summary>
    public async Task<Grievance> OpenAsync(CallbackTask task, GrievanceCategory category, string content)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var calendar = await calendars.ForStoreAsync(task.StoreId);
        var hours = await settings.GetAsync(ComplaintSettings.ResultHours, task.StoreId);
        var g = new Grievance
        {
            StoreId = task.StoreId, ReceivedOn = Kernel.Time.StoreTime.DateOf(now, calendar.Zone), Category = category, CustomerId = task.CustomerId,
            VehicleId = task.VehicleId, CallbackTaskId = task.Id, Score = task.Score, Content = content.Length > 1000 ? content[..1000] : content,
            DepartmentId = task.StaffUserId is null ? null : await db.Users.Where(u => u.Id == task.StaffUserId).Select(u => u.DepartmentId).FirstOrDefaultAsync(),
            Responsible = task.StaffName, DueAt = calendar.Add(now, TimeSpan.FromHours(hours)), CreatedAt = now, CreatedBy = me.UserName ?? "system",
        };
        db.Grievances.Add(g);
        await db.SaveChangesAsync();
        await audit.WriteAsync(GrievanceAuditActions.Opened, $"{g.CaseNumber}: {category}", "Grievance", g.Id.ToString(CultureInfo.InvariantCulture), g.StoreId);
        return g;
    }

    public async Task<Paged<Row>> ListAsync(GrievanceStatus? status, int page, int pageSize)
    {
        var q = db.Grievances.AsNoTracking();
        if (status is { } s) q = q.Where(g => g.Status == s);
        var total = await q.CountAsync();
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await q.OrderBy(g => g.Status).ThenBy(g => g.DueAt).Skip((page - 1) * pageSize).Take(pageSize)
            .Select(g => new
            {
                G = g,
                // Same store as the case. (IgnoreQueryFilters here would lift the store filter off the whole query.)
                Customer = db.Customers.Where(c => c.Id == g.CustomerId).Select(c => c.Name).FirstOrDefault(),
                Department = db.Departments.Where(d => d.Id == g.DepartmentId).Select(d => d.Name).FirstOrDefault(),
            }).ToListAsync();
        return new(rows.Select(r => new Row(r.G.Id, r.G.CaseNumber, r.G.StoreId, r.G.ReceivedOn, r.G.Category, r.G.CustomerId, r.Customer ?? "", r.G.Content,
            r.Department, r.G.Responsible, r.G.DueAt, r.G.Status, Late(r.G, now), r.G.CallbackTaskId)).ToList(), page, pageSize, total);
    }

    /// <summary>Late: open past its time limit, or closed after it.</summary>
    public static bool Late(Grievance g, DateTime now) => (g.ClosedAt ?? now) > g.DueAt;

    public Task<Grievance?> FindAsync(long id) => db.Grievances.AsNoTracking().FirstOrDefaultAsync(g => g.Id == id);

    public async Task<(Grievance? Case, Dictionary<string, string[]> Errors, bool Conflict)> UpdateAsync(long id, GrievanceInput input)
    {
        var g = await db.Grievances.FirstOrDefaultAsync(x => x.Id == id);
        if (g is null) return (null, [], false);
        if (input.Version is { } v && v != g.Version) return (g, [], true);
        var errors = new Dictionary<string, string[]>();
        if (g.Status == GrievanceStatus.Closed) errors[""] = [l["Grievances.Closed"]];
        if (input.DepartmentId is { } d && !await db.Departments.AnyAsync(x => x.Id == d && x.IsActive)) errors["departmentId"] = [l["Validation.InvalidValue", l["Field.Department"]]];
        if (input.Close && string.IsNullOrWhiteSpace(input.Result)) errors["result"] = [l["Validation.Required", l["Field.GrievanceResult"]]];
        if (errors.Count > 0) return (g, errors, false);
        g.Category = input.Category!.Value;
        g.DepartmentId = input.DepartmentId;
        g.Responsible = Blank(input.Responsible);
        g.Process = Blank(input.Process);
        g.Result = Blank(input.Result);
        g.FollowUp = Blank(input.FollowUp);
        if (input.Close)
        {
            g.Status = GrievanceStatus.Closed;
            g.ClosedAt = clock.GetUtcNow().UtcDateTime;
            g.ClosedBy = me.UserName;
        }
        await using var tx = await db.Database.BeginTransactionAsync();
        try { await db.SaveChangesAsync(); }
        catch (DbUpdateConcurrencyException) { db.ChangeTracker.Clear(); return (g, [], true); }
        await audit.WriteAsync(GrievanceAuditActions.Updated, $"{g.CaseNumber}: {g.Status}", "Grievance", g.Id.ToString(CultureInfo.InvariantCulture), g.StoreId);
        await tx.CommitAsync();
        return (g, [], false);
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
