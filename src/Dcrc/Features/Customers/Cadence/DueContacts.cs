using Dcrc.Data;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Settings;
using Dcrc.Kernel.Time;
using Microsoft.EntityFrameworkCore;

namespace Dcrc.Features.Customers.Cadence;

/// <summary>The customers whose call or visit is due or overdue by their class's cadence, longest without contact first, among those the user may see.</summary>
public class DueContacts(DcrcDb db, CustomerArchive archive, SettingsStore settings, StoreScope scope)
{
    public sealed record Row(long Id, string ArchiveNumber, string Name, CustomerClass Class, DateOnly? Last, DateOnly Due, DueState State, int DaysOverdue, string? Owner);

    public async Task<(List<Row> Rows, int Total, DateOnly Today)> ListAsync(Contact contact, CustomerClass? only, int page, int pageSize)
    {
        var zone = StoreTime.GroupZone;
        var today = archive.Today(zone);
        var intervals = await ContactCadence.IntervalsAsync(settings, scope.CurrentStoreId);
        // Due ⇔ the last contact's local date ≤ the class's threshold ⇔ the instant is before the next local midnight.
        DateTime Before(CustomerClass c) => StoreTime.ToUtc(ContactCadence.DueIfLastOnOrBefore(contact, intervals[c], today).AddDays(1).ToDateTime(TimeOnly.MinValue), zone);
        DateTime a = Before(CustomerClass.A), b = Before(CustomerClass.B), c = Before(CustomerClass.C);

        var visible = archive.Visible(await archive.ViewerAsync());
        if (only is { } cls) visible = visible.Where(x => x.Class == cls);
        var query = contact == Contact.Call
            ? visible.Select(x => new { x.Id, x.ArchiveNumber, x.Name, x.Class, x.CreatedAt, Last = x.LastCallAt, x.OwnerUserId })
            : visible.Select(x => new { x.Id, x.ArchiveNumber, x.Name, x.Class, x.CreatedAt, Last = x.LastVisitAt, x.OwnerUserId });
        query = query.Where(x => (x.Class == CustomerClass.A && (x.Last ?? x.CreatedAt) < a) || (x.Class == CustomerClass.B && (x.Last ?? x.CreatedAt) < b)
            || (x.Class == CustomerClass.C && (x.Last ?? x.CreatedAt) < c));
        var total = await query.CountAsync();
        var rows = await query.OrderBy(x => x.Last ?? x.CreatedAt).ThenBy(x => x.Id).Skip((page - 1) * pageSize).Take(pageSize)
            .Select(x => new { x.Id, x.ArchiveNumber, x.Name, x.Class, x.CreatedAt, x.Last, Owner = db.Users.Where(u => u.Id == x.OwnerUserId).Select(u => u.DisplayName).FirstOrDefault() })
            .ToListAsync();
        DateOnly Local(DateTime utc) => DateOnly.FromDateTime(StoreTime.ToLocal(utc, zone));
        return (rows.Select(r =>
        {
            var last = r.Last is { } l ? Local(l) : (DateOnly?)null;
            var due = ContactCadence.NextDue(contact, intervals[r.Class], last, Local(r.CreatedAt));
            return new Row(r.Id, r.ArchiveNumber, r.Name, r.Class, last, due, ContactCadence.State(due, today), Math.Max(0, today.DayNumber - due.DayNumber), r.Owner);
        }).ToList(), total, today);
    }
}
