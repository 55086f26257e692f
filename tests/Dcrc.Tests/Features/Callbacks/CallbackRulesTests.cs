using Dcrc.Kernel.Cases;
using Dcrc.Features.Callbacks;

namespace Dcrc.Tests.Features.Callbacks;

public class CallbackRulesTests
{
    private static readonly CallbackSchedule.Rules Seed = new(ThanksDay: 1, ConfirmationDay: 3, SalesSurveyFrom: 7, SalesSurveyTo: 10, CareWeek: 3,
        ServiceSurveyFrom: 3, ServiceSurveyTo: 7, ExpiryDays: 15, LostMonths: 12);

    // Mon–Sat working, Sunday off; 2031-09-30 (Tue) to 2031-10-07 holidays; Sunday 2031-10-12 a make-up day.
    private static bool Working(DateOnly d) =>
        d.DayNumber >= new DateOnly(2031, 9, 30).DayNumber && d.DayNumber <= new DateOnly(2031, 10, 7).DayNumber ? false
        : d == new DateOnly(2031, 10, 12) || d.DayOfWeek != DayOfWeek.Sunday;

    private static DateOnly D(int month, int day) => new(2031, month, day);

    [Fact]
    public void Day_n_is_the_nth_working_day_after_the_event_skipping_holidays_and_counting_make_up_days()
    {
        // Delivered Friday 2031-09-26: Sat 27 = 1, Sun off, Mon 29 = 2, holidays to 10-07, Wed 10-08 = 3.
        var w = CallbackSchedule.For(CallbackKind.DeliveryThanks, D(9, 26), Seed, Working);
        w.ShouldBe(new CallbackSchedule.Window(D(9, 27), D(9, 27), null));
        CallbackSchedule.For(CallbackKind.OwnerConfirmation, D(9, 26), Seed, Working).DueOn.ShouldBe(D(10, 8));
        // 4 Thu 9, 5 Fri 10, 6 Sat 11, 7 Sun 12 (make-up day), … 10 Wed 15; 15 = Tue 21 (Sun 19 off).
        CallbackSchedule.For(CallbackKind.SalesSurvey, D(9, 26), Seed, Working).ShouldBe(new CallbackSchedule.Window(D(10, 12), D(10, 15), D(10, 21)));
    }

    [Fact]
    public void Weeks_and_months_are_calendar_spans_moved_on_to_the_next_working_day()
    {
        // 2031-09-16 + 3 weeks = 10-07, a holiday: the 8th.
        CallbackSchedule.For(CallbackKind.FirstMaintenanceCare, D(9, 16), Seed, Working).ShouldBe(new CallbackSchedule.Window(D(10, 8), D(10, 8), null));
        // Last seen 2030-10-05 (12 months → 2031-10-05, a holiday): the 8th.
        CallbackSchedule.For(CallbackKind.LostCustomer, new DateOnly(2030, 10, 5), Seed, Working).DueOn.ShouldBe(D(10, 8));
        // A Sunday that is no make-up day moves to Monday.
        CallbackSchedule.For(CallbackKind.FirstMaintenanceCare, D(10, 26), Seed, Working).DueOn.ShouldBe(D(11, 17));
    }

    [Fact]
    public void A_service_survey_runs_from_day_3_to_day_7_and_expires_after_day_15()
    {
        // Repair order closed Saturday 2031-11-01: Mon 3 = 1, Tue 2, Wed 3 … Sat 8 = 6, Mon 10 = 7; 15 = Wed 19.
        CallbackSchedule.For(CallbackKind.ServiceSurvey, D(11, 1), Seed, Working).ShouldBe(new CallbackSchedule.Window(D(11, 5), D(11, 10), D(11, 19)));
    }

    [Fact]
    public void Day_zero_is_the_event_day_when_it_is_a_working_day_else_the_next()
    {
        CallbackSchedule.WorkingDayAfter(Working, D(11, 1), 0).ShouldBe(D(11, 1));
        CallbackSchedule.WorkingDayAfter(Working, D(11, 2), 0).ShouldBe(D(11, 3));
        Should.Throw<InvalidOperationException>(() => CallbackSchedule.WorkingDayAfter(_ => false, D(11, 1), 1));
    }

    [Theory]
    [InlineData(CallbackOutcome.Success, OutcomeClass.Success)]
    [InlineData(CallbackOutcome.Busy, OutcomeClass.Reschedule)]
    [InlineData(CallbackOutcome.NotOwner, OutcomeClass.Reschedule)]
    [InlineData(CallbackOutcome.SwitchedOff, OutcomeClass.Failure)]
    [InlineData(CallbackOutcome.Suspended, OutcomeClass.Failure)]
    [InlineData(CallbackOutcome.Refused, OutcomeClass.Failure)]
    [InlineData(CallbackOutcome.LineBusy, OutcomeClass.Failure)]
    [InlineData(CallbackOutcome.NoAnswer, OutcomeClass.Failure)]
    [InlineData(CallbackOutcome.Unreachable, OutcomeClass.Failure)]
    [InlineData(CallbackOutcome.CallBarred, OutcomeClass.Failure)]
    [InlineData(CallbackOutcome.WrongNumber, OutcomeClass.Invalid)]
    [InlineData(CallbackOutcome.EmptyNumber, OutcomeClass.Invalid)]
    public void Every_outcome_is_a_success_a_reschedule_a_failed_attempt_or_invalid_information(CallbackOutcome outcome, OutcomeClass expected) =>
        CallbackOutcomes.Classify(outcome).ShouldBe(expected);

    [Fact]
    public void Failures_fall_in_the_seed_columns_refused_unreachable_no_answer_or_other()
    {
        CallbackOutcomes.ReasonOf(CallbackOutcome.Refused).ShouldBe(FailureReason.Refused);
        foreach (var o in new[] { CallbackOutcome.SwitchedOff, CallbackOutcome.Suspended, CallbackOutcome.LineBusy, CallbackOutcome.CallBarred, CallbackOutcome.Unreachable })
            CallbackOutcomes.ReasonOf(o).ShouldBe(FailureReason.Unreachable);
        CallbackOutcomes.ReasonOf(CallbackOutcome.NoAnswer).ShouldBe(FailureReason.NoAnswer);
        CallbackOutcomes.ReasonOf(null).ShouldBe(FailureReason.Other);
        CallbackOutcomes.ReasonOf(CallbackOutcome.WrongNumber).ShouldBe(FailureReason.Other);
    }

    [Fact]
    public void The_fourth_failed_attempt_of_a_survey_sends_the_sms_survey_and_other_tasks_give_up()
    {
        CallbackOutcomes.Apply(CallbackKind.SalesSurvey, 2, CallbackOutcome.NoAnswer, 4, hasMobile: true).ShouldBe(new(CallbackStatus.Open, 3, false));
        CallbackOutcomes.Apply(CallbackKind.SalesSurvey, 3, CallbackOutcome.NoAnswer, 4, hasMobile: true).ShouldBe(new(CallbackStatus.SmsSent, 4, true));
        CallbackOutcomes.Apply(CallbackKind.ServiceSurvey, 3, CallbackOutcome.Refused, 4, hasMobile: false).ShouldBe(new(CallbackStatus.Expired, 4, false));
        CallbackOutcomes.Apply(CallbackKind.DeliveryThanks, 3, CallbackOutcome.SwitchedOff, 4, hasMobile: true).ShouldBe(new(CallbackStatus.Expired, 4, false));
        CallbackOutcomes.Apply(CallbackKind.SalesSurvey, 3, CallbackOutcome.Busy, 4, hasMobile: true).ShouldBe(new(CallbackStatus.Open, 3, false));
        CallbackOutcomes.Apply(CallbackKind.SalesSurvey, 1, CallbackOutcome.WrongNumber, 4, hasMobile: true).ShouldBe(new(CallbackStatus.Invalid, 1, false));
        CallbackOutcomes.Apply(CallbackKind.SalesSurvey, 3, CallbackOutcome.Success, 4, hasMobile: true).ShouldBe(new(CallbackStatus.Completed, 3, false));
    }

    [Theory]
    [InlineData(10, SatisfactionBand.Completely)]
    [InlineData(8, SatisfactionBand.Completely)]
    [InlineData(7, SatisfactionBand.Basically)]
    [InlineData(6, SatisfactionBand.Basically)]
    [InlineData(5, SatisfactionBand.Dissatisfied)]
    [InlineData(0, SatisfactionBand.Dissatisfied)]
    public void Scores_fall_in_the_seed_bands(int score, SatisfactionBand band) =>
        Satisfaction.BandOf(score, new(8, 6)).ShouldBe(band);

    [Theory]
    [InlineData("9", 9)]
    [InlineData(" 10 ", 10)]
    [InlineData("９", 9)]
    [InlineData("8分", 8)]
    [InlineData("1", 1)]
    [InlineData("0", null)]
    [InlineData("11", null)]
    [InlineData("TD", null)]
    [InlineData("很满意", null)]
    [InlineData("-3", null)]
    [InlineData("", null)]
    public void An_sms_reply_is_a_score_only_when_it_is_a_whole_number_from_1_to_10(string reply, int? score) =>
        Satisfaction.ScoreOfReply(reply).ShouldBe(score);
}
