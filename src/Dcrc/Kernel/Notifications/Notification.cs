using System.ComponentModel.DataAnnotations;
using Dcrc.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dcrc.Kernel.Notifications;

/// <summary>
/// An in-app notice to one user (a breached time limit, an escalation): the text is a resource key with its
/// arguments, shown in the reader's language; the link opens what it is about.
/// </summary>
public class Notification
{
    public long Id { get; set; }
    [MaxLength(64)] public string UserId { get; set; } = "";
    public int? StoreId { get; set; }
    public DateTime At { get; set; }
    [MaxLength(64)] public string Key { get; set; } = "";
    /// <summary>The message's arguments, separated by <see cref="Separator"/>.</summary>
    [MaxLength(500)] public string? Args { get; set; }
    [MaxLength(200)] public string? Link { get; set; }
    public DateTime? ReadAt { get; set; }

    public const char Separator = '\u001f';
    public object[] Arguments => (Args ?? "").Length == 0 ? [] : Args!.Split(Separator);
}

public class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> e) => e.HasIndex(x => new { x.UserId, x.ReadAt, x.At });
}

/// <summary>Adds notices to the caller's context (saved with the caller's change) and reads a user's.</summary>
public class Notifier(DcrcDb db)
{
    public void Notify(IEnumerable<string> userIds, int? storeId, DateTime at, string key, string? link, params object[] args)
    {
        var text = string.Join(Notification.Separator, args.Select(a => Convert.ToString(a, System.Globalization.CultureInfo.InvariantCulture)));
        foreach (var user in userIds.Distinct())
            db.Notifications.Add(new Notification { UserId = user, StoreId = storeId, At = at, Key = key, Args = text.Length > 500 ? text[..500] : text, Link = link });
    }

    /// <summary>Active users of a store holding one of the roles (e.g. the CR managers to tell of a breach).</summary>
    public Task<List<string>> UsersInRolesAsync(int storeId, params string[] roles) =>
        db.Users.Where(u => u.IsActive && u.Stores.Any(s => s.StoreId == storeId)
                && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && roles.Contains(r.Name!))))
            .Select(u => u.Id).ToListAsync();

    public Task<int> UnreadAsync(string userId) => db.Notifications.CountAsync(n => n.UserId == userId && n.ReadAt == null);

    public Task<List<Notification>> LatestAsync(string userId, int take = 50) =>
        db.Notifications.AsNoTracking().Where(n => n.UserId == userId).OrderByDescending(n => n.At).ThenByDescending(n => n.Id).Take(take).ToListAsync();

    /// <summary>Marks the user's unread notices read: all of them, or those about one thing (<paramref name="link"/>, a case).</summary>
    public Task<int> MarkReadAsync(string userId, DateTime at, string? link = null, bool all = true) =>
        db.Notifications.Where(n => n.UserId == userId && n.ReadAt == null && (all || n.Link == link)).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, at));

    /// <summary>
    /// One page of the user's notices grouped by what they are about (every notice of a case in one line: how many, how
    /// many unread, the latest), the group with the newest notice first; <paramref name="unreadOnly"/> keeps the unread.
    /// </summary>
    public async Task<(List<NoticeGroup> Groups, int Total)> GroupsAsync(string userId, bool unreadOnly, int page, int pageSize)
    {
        var mine = db.Notifications.AsNoTracking().Where(n => n.UserId == userId);
        if (unreadOnly) mine = mine.Where(n => n.ReadAt == null);
        var groups = mine.GroupBy(n => n.Link).Select(g => new { Link = g.Key, LastId = g.Max(n => n.Id), Count = g.Count(), Unread = g.Count(n => n.ReadAt == null) });
        var total = await groups.CountAsync();
        var rows = await groups.OrderByDescending(g => g.LastId).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync();
        var ids = rows.Select(r => r.LastId).ToList();
        var latest = await db.Notifications.AsNoTracking().Where(n => ids.Contains(n.Id)).ToDictionaryAsync(n => n.Id);
        return (rows.Select(r => new NoticeGroup(r.Link, r.Count, r.Unread, latest[r.LastId])).ToList(), total);
    }
}

/// <summary>The notices about one thing (a case): how many, how many unread, and the latest.</summary>
public sealed record NoticeGroup(string? Link, int Count, int Unread, Notification Latest);
