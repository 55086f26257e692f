using Dcrc.Kernel.Cases;
using Dcrc.Features.Customers.Records;

namespace Dcrc.Features.Callbacks;

/// <summary>Who a new task goes to: the consultant of the event (their own queue) or the specialists' pool.</summary>
public enum CallbackAssignee { Consultant, Pool }

/// <summary>
/// How the recurring callbacks are made (SPEC §5): which events make which kinds, who gets them, who counts as a lost
/// customer and which surveys are born expired. <see cref="CallbackGeneration"/> builds its statements from these.
/// </summary>
public static class CallbackGenerationRules
{
    /// <summary>The day-1 thank-you is the consultant's own call; every other task waits in the specialists' pool.</summary>
    public static CallbackAssignee Assignee(CallbackKind kind) =>
        kind == CallbackKind.DeliveryThanks ? CallbackAssignee.Consultant : CallbackAssignee.Pool;

    /// <summary>The kinds a transaction makes, each with its transaction kind, in the order they fall due.</summary>
    private static readonly (CallbackKind Kind, TransactionKind Source)[] Made =
        [.. CallbackSchedule.OnDelivery.Select(k => (k, TransactionKind.Sale)), (CallbackKind.ServiceSurvey, TransactionKind.RepairOrder)];

    /// <summary>The transaction kind whose events make tasks of <paramref name="kind"/>; null for a kind no transaction makes.</summary>
    public static TransactionKind? SourceOf(CallbackKind kind) =>
        Made.Where(m => m.Kind == kind).Select(m => (TransactionKind?)m.Source).FirstOrDefault();

    /// <summary>The kinds a transaction of <paramref name="source"/> makes: a sale the delivery calls, a repair order the service survey.</summary>
    public static IReadOnlyList<CallbackKind> KindsFrom(TransactionKind source) => [.. Made.Where(m => m.Source == source).Select(m => m.Kind)];

    /// <summary>What counts as a visit when telling whether a customer is lost: a purchase or a repair order.</summary>
    public static readonly IReadOnlyList<TransactionKind> LostCustomerVisits = [TransactionKind.Sale, TransactionKind.RepairOrder];

    /// <summary>
    /// The last-visit dates whose <paramref name="lostMonths"/>-month anniversary falls from <paramref name="firstDue"/>
    /// to <paramref name="today"/>, oldest first. Month ends fold (31 January + 1 month is 28 February), so several
    /// days may share one anniversary.
    /// </summary>
    public static IReadOnlyList<DateOnly> LostCandidateDates(DateOnly firstDue, DateOnly today, int lostMonths)
    {
        // A month end moves an anniversary back by at most three days: search that much either side.
        var from = firstDue.AddMonths(-lostMonths).AddDays(-3);
        var to = today.AddMonths(-lostMonths).AddDays(3);
        return [.. Enumerable.Range(0, Math.Max(0, to.DayNumber - from.DayNumber + 1)).Select(from.AddDays)
            .Where(d => d.AddMonths(lostMonths) >= firstDue && d.AddMonths(lostMonths) <= today)];
    }

    /// <summary>
    /// A survey whose expiry day has already passed is born expired and closed (it counts as failed) rather than born
    /// open and expired a moment later; every other task is born open.
    /// </summary>
    public static (CallbackStatus Status, bool Closed) StatusAtBirth(CallbackKind kind, CallbackSchedule.Window window, DateOnly today) =>
        CallbackSchedule.IsSurvey(kind) && window.ExpiresOn < today ? (CallbackStatus.Expired, true) : (CallbackStatus.Open, false);
}
