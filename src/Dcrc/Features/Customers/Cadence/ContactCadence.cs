using Dcrc.Kernel.Settings;

namespace Dcrc.Features.Customers.Cadence;

public enum Contact { Call, Visit }
public enum DueState { Upcoming, Due, Overdue }

/// <summary>
/// The contact cadence of a customer class (001 五): A call weekly and visit every 2 months, B weekly and
/// every 3 months, C every 2 weeks and every 4 months (settings). The next contact is due one interval after
/// the last one — or after the archive was created, when there has been none.
/// </summary>
public static class ContactCadence
{
    public sealed record Interval(int CallDays, int VisitMonths);

    public static DateOnly NextDue(Contact contact, Interval interval, DateOnly? last, DateOnly created) =>
        contact == Contact.Call ? (last ?? created).AddDays(interval.CallDays) : (last ?? created).AddMonths(interval.VisitMonths);

    public static DueState State(DateOnly due, DateOnly today) => due < today ? DueState.Overdue : due == today ? DueState.Due : DueState.Upcoming;

    /// <summary>
    /// The latest last-contact date that makes a contact due by <paramref name="today"/>: due ⇔ last ≤ this.
    /// </summary>
    public static DateOnly DueIfLastOnOrBefore(Contact contact, Interval interval, DateOnly today) =>
        contact == Contact.Call ? today.AddDays(-interval.CallDays) : LastDayMonthsBefore(today, interval.VisitMonths);

    // last.AddMonths(m) ≤ today: AddMonths clamps to month end, so walk back from the naive answer.
    private static DateOnly LastDayMonthsBefore(DateOnly today, int months)
    {
        var d = today.AddMonths(-months);
        while (d.AddDays(1).AddMonths(months) <= today) d = d.AddDays(1);
        return d;
    }

    public static async Task<Dictionary<CustomerClass, Interval>> IntervalsAsync(SettingsStore settings, int? storeId) => new()
    {
        [CustomerClass.A] = new(await settings.GetAsync(ArchiveSettings.ClassACallDays, storeId), await settings.GetAsync(ArchiveSettings.ClassAVisitMonths, storeId)),
        [CustomerClass.B] = new(await settings.GetAsync(ArchiveSettings.ClassBCallDays, storeId), await settings.GetAsync(ArchiveSettings.ClassBVisitMonths, storeId)),
        [CustomerClass.C] = new(await settings.GetAsync(ArchiveSettings.ClassCCallDays, storeId), await settings.GetAsync(ArchiveSettings.ClassCVisitMonths, storeId)),
    };
}
