using Dcrc.Features.Customers.Cadence;

namespace Dcrc.Tests.Features.Customers.Cadence;

public class ContactCadenceTests
{
    private static readonly ContactCadence.Interval A = new(7, 2);

    [Fact]
    public void The_next_call_is_one_interval_after_the_last_or_after_creation()
    {
        ContactCadence.NextDue(Contact.Call, A, new DateOnly(2026, 11, 10), new DateOnly(2026, 1, 1)).ShouldBe(new DateOnly(2026, 11, 17));
        ContactCadence.NextDue(Contact.Call, A, null, new DateOnly(2026, 11, 20)).ShouldBe(new DateOnly(2026, 11, 27));
        ContactCadence.NextDue(Contact.Visit, A, new DateOnly(2026, 9, 30), new DateOnly(2026, 1, 1)).ShouldBe(new DateOnly(2026, 11, 30));
    }

    [Theory]
    [InlineData("2026-11-21", DueState.Overdue)]
    [InlineData("2026-11-22", DueState.Due)]
    [InlineData("2026-11-23", DueState.Upcoming)]
    public void A_contact_is_overdue_after_its_day(string due, DueState state) =>
        ContactCadence.State(DateOnly.Parse(due), new DateOnly(2026, 11, 22)).ShouldBe(state);

    [Theory]
    [InlineData("2026-11-22", 7, "2026-11-15")]
    [InlineData("2026-04-30", 2, "2026-02-28")] // Feb 28 + 2 months = Apr 28 ≤ Apr 30; Mar 1 + 2 = May 1 is not
    [InlineData("2026-05-31", 3, "2026-02-28")] // Feb 28 + 3 months = May 28; Mar 1 + 3 = Jun 1
    public void The_threshold_is_the_latest_last_contact_that_is_due_today(string today, int interval, string threshold)
    {
        var contact = interval == 7 ? Contact.Call : Contact.Visit;
        var cadence = new ContactCadence.Interval(7, interval);
        var t = ContactCadence.DueIfLastOnOrBefore(contact, cadence, DateOnly.Parse(today));
        t.ShouldBe(DateOnly.Parse(threshold));
        // Consistent with NextDue: the threshold is due, the day after is not.
        ContactCadence.NextDue(contact, cadence, t, t).ShouldBeLessThanOrEqualTo(DateOnly.Parse(today));
        ContactCadence.NextDue(contact, cadence, t.AddDays(1), t).ShouldBeGreaterThan(DateOnly.Parse(today));
    }
}
