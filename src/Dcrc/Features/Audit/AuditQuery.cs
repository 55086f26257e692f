using Dcrc.Data;
using Dcrc.Kernel.Audit;
using Microsoft.EntityFrameworkCore;

namespace Dcrc.Features.Audit;

/// <summary>Filters of the audit page and API. Dates are whole days in the group's time zone.</summary>
public sealed class AuditFilter
{
    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }
    public string? User { get; set; }
    public string? Action { get; set; }
    public string? Entity { get; set; }
    public int Page { get; set; } = 1;
    public int PageSize { get; set; } = 50;

    /// <summary>What was asked for, for the audit entry that records the read.</summary>
    public string Describe() => $"from={From:yyyy-MM-dd} to={To:yyyy-MM-dd} user={User} action={Action} entity={Entity} page={Page}";

    public IQueryable<AuditEntry> Apply(DcrcDb db, TimeZoneInfo zone)
    {
        var q = db.AuditEntries.AsNoTracking();
        if (From is { } f) { var t = Utc(f, zone); q = q.Where(e => e.At >= t); }
        if (To is { } to) { var t = Utc(to.AddDays(1), zone); q = q.Where(e => e.At < t); }
        if (!string.IsNullOrWhiteSpace(User)) { var u = User.Trim(); q = q.Where(e => e.UserName == u); }
        if (!string.IsNullOrWhiteSpace(Action)) { var a = Action.Trim(); q = q.Where(e => e.Action.StartsWith(a)); }
        if (!string.IsNullOrWhiteSpace(Entity)) { var en = Entity.Trim(); q = q.Where(e => e.EntityType == en || e.EntityId == en); }
        return q;
    }

    public async Task<(List<AuditEntry> Items, int Total)> PageAsync(DcrcDb db, TimeZoneInfo zone)
    {
        Page = Math.Max(1, Page);
        PageSize = Math.Clamp(PageSize, 1, 200);
        var q = Apply(db, zone);
        var total = await q.CountAsync();
        var items = await q.OrderByDescending(e => e.Id).Skip((Page - 1) * PageSize).Take(PageSize).ToListAsync();
        return (items, total);
    }

    private static DateTime Utc(DateOnly day, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), zone);
}
