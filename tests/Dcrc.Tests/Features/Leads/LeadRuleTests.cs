using Dcrc.Features.Leads;
using Dcrc.Kernel.Deadlines;

namespace Dcrc.Tests.Features.Leads;

public class LeadRuleTests
{
    private static readonly IReadOnlyList<WorkPeriod> Slots = LeadRules.Slots("08:00-12:00,12:00-18:00,18:00-22:00");
    private static readonly IReadOnlyList<IntentLevel> Levels = LeadRules.Levels("H:1,A:3,B:7,C:15");

    [Fact]
    public void Unreachable_needs_three_consecutive_failures_in_three_different_slots()
    {
        LeadRules.MayMarkUnreachable([(LeadFeedback.NoAnswer, 0), (LeadFeedback.Busy, 1), (LeadFeedback.NoAnswer, 2)], 3, 3).ShouldBeTrue();
        LeadRules.MayMarkUnreachable([(LeadFeedback.NoAnswer, 0), (LeadFeedback.Busy, 0), (LeadFeedback.NoAnswer, 2)], 3, 3).ShouldBeFalse(); // two slots only
        LeadRules.MayMarkUnreachable([(LeadFeedback.NoAnswer, 0), (LeadFeedback.Busy, 1)], 3, 3).ShouldBeFalse(); // two calls only
        // A call that reached the customer breaks the run: the failures count again from there.
        LeadRules.MayMarkUnreachable([(LeadFeedback.NoAnswer, 0), (LeadFeedback.Busy, 1), (LeadFeedback.Considering, 1), (LeadFeedback.NoAnswer, 2)], 3, 3).ShouldBeFalse();
        // A call outside every slot counts as a failure but not as a slot.
        LeadRules.MayMarkUnreachable([(LeadFeedback.NoAnswer, null), (LeadFeedback.Busy, 1), (LeadFeedback.NoAnswer, 2)], 3, 3).ShouldBeFalse();
        // A store with two slots: three failures over both of them suffice.
        LeadRules.MayMarkUnreachable([(LeadFeedback.NoAnswer, 0), (LeadFeedback.Busy, 1), (LeadFeedback.NoAnswer, 0)], 3, 2).ShouldBeTrue();
        LeadRules.MayMarkUnreachable([(LeadFeedback.NoAnswer, 0), (LeadFeedback.Busy, 1)], 2, 3).ShouldBeTrue(); // the store's setting: two
    }

    [Fact]
    public void Calls_fall_in_the_store_slots_and_a_failed_call_is_retried_in_the_next_slot_or_tomorrow()
    {
        LeadRules.SlotOf(new TimeOnly(9, 0), Slots).ShouldBe(0);
        LeadRules.SlotOf(new TimeOnly(12, 0), Slots).ShouldBe(1);
        LeadRules.SlotOf(new TimeOnly(21, 59), Slots).ShouldBe(2);
        LeadRules.SlotOf(new TimeOnly(23, 0), Slots).ShouldBeNull();
        var monday = new DateOnly(2026, 12, 7);
        LeadRules.NextFollowUp(LeadFeedback.NoAnswer, monday.ToDateTime(new TimeOnly(10, 0)), Slots, Levels, "B").ShouldBe(monday);
        LeadRules.NextFollowUp(LeadFeedback.Busy, monday.ToDateTime(new TimeOnly(19, 0)), Slots, Levels, "B").ShouldBe(monday.AddDays(1));
    }

    [Fact]
    public void A_reached_customer_is_followed_again_after_the_cadence_of_the_intent_level()
    {
        var monday = new DateOnly(2026, 12, 7).ToDateTime(new TimeOnly(10, 0));
        LeadRules.NextFollowUp(LeadFeedback.Considering, monday, Slots, Levels, "H").ShouldBe(new DateOnly(2026, 12, 8));
        LeadRules.NextFollowUp(LeadFeedback.VisitBooked, monday, Slots, Levels, "A").ShouldBe(new DateOnly(2026, 12, 10));
        LeadRules.NextFollowUp(LeadFeedback.Considering, monday, Slots, Levels, "C").ShouldBe(new DateOnly(2026, 12, 22));
        LeadRules.CadenceDays(Levels, "X").ShouldBe(15); // a level the store no longer has: the coolest one's
        LeadRules.Levels("H:1,H:2").ShouldBeEmpty();
        LeadRules.Levels("H:0").ShouldBeEmpty();
        LeadRules.IsValidLevels("S:1,H:2,A:4").ShouldBeTrue();
        LeadRules.IsValidSlots("-").ShouldBeFalse();
    }

    [Fact]
    public void A_lead_returns_to_the_pool_once_its_follow_up_is_more_than_the_set_days_overdue()
    {
        var today = new DateOnly(2026, 12, 10);
        LeadRules.ReturnsToPool(new DateOnly(2026, 12, 7), today, 3).ShouldBeFalse(); // three days overdue: not yet
        LeadRules.ReturnsToPool(new DateOnly(2026, 12, 6), today, 3).ShouldBeTrue();
        LeadRules.ReturnsToPool(null, today, 3).ShouldBeFalse();
        // The job's cut-off is the same rule as a query: due on or before it returns.
        LeadRules.PoolCutoff(today, 3).ShouldBe(new DateOnly(2026, 12, 6));
    }

    private static BusinessCalendar Calendar(params DateOnly[] holidays)
    {
        var day = new[] { new WorkPeriod(new TimeOnly(8, 30), new TimeOnly(12, 0)), new WorkPeriod(new TimeOnly(13, 30), new TimeOnly(17, 30)) };
        var week = new Dictionary<DayOfWeek, WorkPeriod[]>
        {
            [DayOfWeek.Monday] = day, [DayOfWeek.Tuesday] = day, [DayOfWeek.Wednesday] = day, [DayOfWeek.Thursday] = day, [DayOfWeek.Friday] = day,
        };
        return new BusinessCalendar(Dcrc.Kernel.Time.StoreTime.GroupZone, week, holidays);
    }


    [Fact]
    public void The_OEM_feedback_is_due_24_clock_hours_after_the_batch_even_across_a_weekend_and_a_holiday()
    {
        // A batch arriving on Friday 2026-12-04 at 17:00 in Shanghai (09:00 UTC), Monday a holiday: due Saturday 17:00 all the same.
        var arrived = new DateTime(2026, 12, 4, 9, 0, 0, DateTimeKind.Utc);
        var policy = LimitPolicy.OfClockTime(TimeSpan.FromHours(24), new EscalationStep(TimeSpan.Zero, "SalesManager"));
        var calendar = Calendar(new DateOnly(2026, 12, 7));
        var state = TimeLimit.Evaluate(calendar, policy, [new LimitEvent(LimitEventKind.Started, arrived)], arrived.AddHours(25));
        state.DueAt.ShouldBe(arrived.AddHours(24));
        state.Breached.ShouldBeTrue();
        state.Pending.Select(p => p.Kind).ShouldBe([LimitEventKind.Breached, LimitEventKind.Escalated]);
        // The store's own walk-in, first contact in working minutes: 120 of them from Friday 17:00 run 30 on Friday, the
        // rest on Tuesday (the weekend closed, Monday a holiday).
        var firstContact = TimeLimit.Evaluate(calendar, LimitPolicy.Of(TimeSpan.FromMinutes(120)), [new LimitEvent(LimitEventKind.Started, arrived)], arrived);
        firstContact.DueAt.ShouldBe(new DateTime(2026, 12, 8, 2, 0, 0, DateTimeKind.Utc)); // Tuesday 10:00 in Shanghai
    }

    [Fact]
    public void The_follow_up_is_due_at_the_close_of_its_day_or_of_the_next_working_day()
    {
        var calendar = Calendar(new DateOnly(2026, 12, 7));
        LeadLimits.CloseOf(calendar, new DateOnly(2026, 12, 4)).ShouldBe(new DateTime(2026, 12, 4, 9, 30, 0, DateTimeKind.Utc)); // Friday 17:30
        LeadLimits.CloseOf(calendar, new DateOnly(2026, 12, 5)).ShouldBe(new DateTime(2026, 12, 8, 9, 30, 0, DateTimeKind.Utc)); // Saturday → Tuesday (Monday a holiday)
    }
}
