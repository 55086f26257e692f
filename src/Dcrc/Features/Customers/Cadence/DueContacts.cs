using System.Linq.Expressions;
using Dcrc.Data;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Settings;
using Dcrc.Kernel.Time;
using Microsoft.EntityFrameworkCore;

namespace Dcrc.Features.Customers.Cadence;

/// <summary>
/// The customers whose call or visit is due or overdue by their class's cadence — each store's own settings
/// and time zone —, longest without contact first, among those the user may see.
/// </summary>
public class DueContacts(DcrcDb db, CustomerArchive archive, SettingsStore settings, StoreScope scope)
{
    public sealed record Row(long Id, string ArchiveNumber, string Name, CustomerClass Class, DateOnly? Last, DateOnly Due, DueState State, int DaysOverdue, string? Owner);

    private sealed record StoreCadence(TimeZoneInfo Zone, DateOnly Today, Dictionary<CustomerClass, ContactCadence.Interval> Intervals);

    public async Task<(List<Row> Rows, int Total, DateOnly Today)> ListAsync(Contact contact, CustomerClass? only, int page, int pageSize)
    {
        var storeIds = scope.CurrentStoreId is { } current ? [current] : scope.AllStores ? await db.Stores.Select(s => s.Id).ToListAsync() : scope.StoreIds;
        var zones = await db.Stores.Where(s => storeIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.TimeZone);
        var stores = new Dictionary<int, StoreCadence>();
        foreach (var (id, zoneId) in zones)
        {
            var zone = StoreTime.Zone(zoneId);
            stores[id] = new(zone, archive.Today(zone), await ContactCadence.IntervalsAsync(settings, id));
        }

        // Due ⇔ the last contact's local date ≤ the threshold of its store and class ⇔ the instant is before the next local midnight.
        var x = Expression.Parameter(typeof(Customer), "x");
        Expression last = Expression.Coalesce(Expression.Property(x, contact == Contact.Call ? nameof(Customer.LastCallAt) : nameof(Customer.LastVisitAt)),
            Expression.Property(x, nameof(Customer.CreatedAt)));
        Expression due = Expression.Constant(false);
        foreach (var (id, s) in stores)
            foreach (var cls in Enum.GetValues<CustomerClass>().Where(c => only is null || c == only))
            {
                var before = StoreTime.ToUtc(ContactCadence.DueIfLastOnOrBefore(contact, s.Intervals[cls], s.Today).AddDays(1).ToDateTime(TimeOnly.MinValue), s.Zone);
                due = Expression.OrElse(due, Expression.AndAlso(
                    Expression.AndAlso(Expression.Equal(Expression.Property(x, nameof(Customer.StoreId)), Expression.Constant(id)),
                        Expression.Equal(Expression.Property(x, nameof(Customer.Class)), Expression.Constant(cls))),
                    Expression.LessThan(last, Expression.Constant(before))));
            }

        var query = archive.Visible(await archive.ViewerAsync()).Where(Expression.Lambda<Func<Customer, bool>>(due, x));
        var total = await query.CountAsync();
        var ordered = contact == Contact.Call ? query.OrderBy(c => c.LastCallAt ?? c.CreatedAt) : query.OrderBy(c => c.LastVisitAt ?? c.CreatedAt);
        var rows = await ordered.ThenBy(c => c.Id).Skip((page - 1) * pageSize).Take(pageSize)
            .Select(c => new
            {
                c.Id, c.StoreId, c.ArchiveNumber, c.Name, c.Class, c.CreatedAt, Last = contact == Contact.Call ? c.LastCallAt : c.LastVisitAt,
                Owner = db.Users.Where(u => u.Id == c.OwnerUserId).Select(u => u.DisplayName).FirstOrDefault(),
            })
            .ToListAsync();
        var today = stores.Count == 1 ? stores.Values.Single().Today : archive.Today(StoreTime.GroupZone);
        return (rows.Select(r =>
        {
            var s = stores[r.StoreId];
            DateOnly Local(DateTime utc) => DateOnly.FromDateTime(StoreTime.ToLocal(utc, s.Zone));
            var lastDay = r.Last is { } l ? Local(l) : (DateOnly?)null;
            var dueOn = ContactCadence.NextDue(contact, s.Intervals[r.Class], lastDay, Local(r.CreatedAt));
            return new Row(r.Id, r.ArchiveNumber, r.Name, r.Class, lastDay, dueOn, ContactCadence.State(dueOn, s.Today), Math.Max(0, s.Today.DayNumber - dueOn.DayNumber), r.Owner);
        }).ToList(), total, today);
    }
}
