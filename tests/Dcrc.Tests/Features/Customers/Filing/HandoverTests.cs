using Dcrc.Features.Customers.Filing;
using Dcrc.Features.Customers.Records;

namespace Dcrc.Tests.Features.Customers.Filing;

/// <summary>The hand-over due date (002 §五) and the weeks of the archive check (表14).</summary>
public class HandoverTests
{
    [Theory]
    [InlineData("2026-06-01", 5, 3, "2026-06-06")]
    [InlineData("2026-02-26", 5, 3, "2026-03-03")] // across the end of February
    [InlineData("2024-02-26", 5, 3, "2024-03-02")] // leap year
    [InlineData("2025-12-29", 5, 3, "2026-01-03")] // across the year
    [InlineData("2026-06-01", 2, 3, "2026-06-03")]
    public void A_sale_is_due_the_sales_days_after_delivery(string delivered, int salesDays, int serviceDays, string due) =>
        Handover.DueOn(TransactionKind.Sale, DateOnly.Parse(delivered), salesDays, serviceDays).ShouldBe(DateOnly.Parse(due));

    [Theory]
    [InlineData("2026-06-01", 5, 3, "2026-06-04")]
    [InlineData("2026-06-30", 5, 2, "2026-07-02")]
    [InlineData("2026-12-31", 5, 3, "2027-01-03")]
    public void A_repair_order_is_due_the_service_days_after_settlement(string settled, int salesDays, int serviceDays, string due) =>
        Handover.DueOn(TransactionKind.RepairOrder, DateOnly.Parse(settled), salesDays, serviceDays).ShouldBe(DateOnly.Parse(due));

    [Fact]
    public void Other_deals_have_nothing_to_hand_over() =>
        Handover.DueOn(TransactionKind.Other, new DateOnly(2026, 6, 1), 5, 3).ShouldBeNull();

    [Theory]
    [InlineData("2026-06-06", "2026-06-05", 0)] // before the due date
    [InlineData("2026-06-06", "2026-06-06", 0)] // on the due date: on time
    [InlineData("2026-06-06", "2026-06-07", 1)]
    [InlineData("2026-06-06", "2026-07-06", 30)]
    public void Days_late_count_from_the_day_after_the_due_date(string dueOn, string day, int late) =>
        Handover.DaysLate(DateOnly.Parse(dueOn), DateOnly.Parse(day)).ShouldBe(late);

    [Theory]
    [InlineData("2026-06-01", "2026-06-01")] // Monday
    [InlineData("2026-06-03", "2026-06-01")]
    [InlineData("2026-06-06", "2026-06-01")] // Saturday
    [InlineData("2026-06-07", "2026-06-01")] // Sunday belongs to the week before it
    [InlineData("2026-06-08", "2026-06-08")]
    [InlineData("2026-01-01", "2025-12-29")] // across the year
    public void A_week_starts_on_Monday(string day, string monday) =>
        AuditWeek.StartOf(DateOnly.Parse(day)).ShouldBe(DateOnly.Parse(monday));

    [Theory]
    [InlineData("2026-06-04", true, "2026-06-01")]
    [InlineData(" 2026-06-07 ", true, "2026-06-01")]
    [InlineData("2026-13-01", false, null)]
    [InlineData("2026/06/04", false, null)]
    [InlineData("", false, null)]
    [InlineData(null, false, null)]
    public void A_week_is_given_by_any_of_its_days(string? text, bool ok, string? monday)
    {
        AuditWeek.TryParse(text, out var week).ShouldBe(ok);
        if (ok) week.ShouldBe(DateOnly.Parse(monday!));
    }
}
