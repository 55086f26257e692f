using Dcrc.Kernel.Cases;
using Dcrc.Features.Callbacks;
using Dcrc.Features.Customers.Records;

namespace Dcrc.Tests.Features.Callbacks;

public class CallbackGenerationRulesTests
{
    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    [Fact]
    public void The_thank_you_call_goes_to_the_consultant_and_every_other_kind_to_the_pool()
    {
        CallbackGenerationRules.Assignee(CallbackKind.DeliveryThanks).ShouldBe(CallbackAssignee.Consultant);
        foreach (var kind in Enum.GetValues<CallbackKind>().Where(k => k != CallbackKind.DeliveryThanks))
            CallbackGenerationRules.Assignee(kind).ShouldBe(CallbackAssignee.Pool, kind.ToString());
    }

    [Fact]
    public void A_sale_makes_the_delivery_calls_in_the_order_they_fall_due_and_a_repair_order_the_service_survey()
    {
        CallbackGenerationRules.KindsFrom(TransactionKind.Sale).ShouldBe(
            [CallbackKind.DeliveryThanks, CallbackKind.OwnerConfirmation, CallbackKind.SalesSurvey, CallbackKind.FirstMaintenanceCare]);
        CallbackGenerationRules.KindsFrom(TransactionKind.RepairOrder).ShouldBe([CallbackKind.ServiceSurvey]);
        CallbackGenerationRules.KindsFrom(TransactionKind.Other).ShouldBeEmpty();
    }

    [Fact]
    public void Each_kind_made_from_a_transaction_has_one_source_and_the_other_kinds_none()
    {
        foreach (var source in Enum.GetValues<TransactionKind>())
            foreach (var kind in CallbackGenerationRules.KindsFrom(source))
                CallbackGenerationRules.SourceOf(kind).ShouldBe(source);
        foreach (var kind in new[] { CallbackKind.LostCustomer, CallbackKind.PromisedCallback, CallbackKind.MissedCall, CallbackKind.ComplaintSatisfaction })
            CallbackGenerationRules.SourceOf(kind).ShouldBeNull(kind.ToString());
    }

    [Fact]
    public void A_visit_that_keeps_a_customer_from_being_lost_is_a_sale_or_a_repair_order()
    {
        CallbackGenerationRules.LostCustomerVisits.ShouldBe([TransactionKind.Sale, TransactionKind.RepairOrder], ignoreOrder: true);
    }

    [Fact]
    public void The_lost_customer_candidates_are_the_last_visits_whose_anniversary_falls_in_the_look_back()
    {
        var dates = CallbackGenerationRules.LostCandidateDates(D(2031, 10, 1), D(2031, 10, 10), 12);
        dates.ShouldBe(Enumerable.Range(1, 10).Select(d => D(2030, 10, d)));
    }

    [Fact]
    public void Last_visits_at_a_month_end_are_lost_on_the_last_day_of_the_shorter_month()
    {
        // 29–31 January all come round on 28 February, the day they fall due, not the day after.
        CallbackGenerationRules.LostCandidateDates(D(2031, 2, 28), D(2031, 2, 28), 1)
            .ShouldBe([D(2031, 1, 28), D(2031, 1, 29), D(2031, 1, 30), D(2031, 1, 31)]);
        // A leap day seen a year ago comes round on 28 February.
        CallbackGenerationRules.LostCandidateDates(D(2033, 2, 28), D(2033, 2, 28), 12).ShouldBe([D(2032, 2, 28), D(2032, 2, 29)]);
        // The 1st of March has only itself.
        CallbackGenerationRules.LostCandidateDates(D(2031, 3, 1), D(2031, 3, 1), 1).ShouldBe([D(2031, 2, 1)]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(6)]
    [InlineData(12)]
    [InlineData(60)]
    public void Every_last_visit_whose_anniversary_falls_in_the_look_back_is_a_candidate_and_no_other(int months)
    {
        for (var today = D(2031, 1, 1); today <= D(2032, 12, 31); today = today.AddDays(1))
        {
            var firstDue = today.AddDays(-2);
            var expected = Enumerable.Range(0, 200).Select(today.AddMonths(-months).AddDays(-100).AddDays)
                .Where(d => d.AddMonths(months) >= firstDue && d.AddMonths(months) <= today);
            CallbackGenerationRules.LostCandidateDates(firstDue, today, months).ShouldBe(expected, $"{today} − {months} months");
        }
    }

    [Fact]
    public void A_look_back_that_starts_after_today_has_no_candidates()
    {
        CallbackGenerationRules.LostCandidateDates(D(2031, 10, 11), D(2031, 10, 10), 12).ShouldBeEmpty();
    }

    [Fact]
    public void A_survey_past_its_expiry_day_is_born_expired_and_closed_and_every_other_task_open()
    {
        var today = D(2031, 10, 20);
        var survey = new CallbackSchedule.Window(D(2031, 10, 1), D(2031, 10, 5), D(2031, 10, 19));
        CallbackGenerationRules.StatusAtBirth(CallbackKind.SalesSurvey, survey, today).ShouldBe((CallbackStatus.Expired, true));
        CallbackGenerationRules.StatusAtBirth(CallbackKind.ServiceSurvey, survey, today).ShouldBe((CallbackStatus.Expired, true));
        // Its expiry day itself is still in time.
        CallbackGenerationRules.StatusAtBirth(CallbackKind.SalesSurvey, survey with { ExpiresOn = today }, today).ShouldBe((CallbackStatus.Open, false));
        // Other kinds never expire at birth, however late.
        var late = new CallbackSchedule.Window(D(2031, 9, 1), D(2031, 9, 1), null);
        foreach (var kind in new[] { CallbackKind.DeliveryThanks, CallbackKind.OwnerConfirmation, CallbackKind.FirstMaintenanceCare, CallbackKind.LostCustomer })
            CallbackGenerationRules.StatusAtBirth(kind, late, today).ShouldBe((CallbackStatus.Open, false), kind.ToString());
    }
}
