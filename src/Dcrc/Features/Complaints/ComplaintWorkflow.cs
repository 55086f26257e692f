using System.Linq.Expressions;

namespace Dcrc.Features.Complaints;

/// <summary>Where a complaint case stands (001 客户投诉处理方案, 002 §四, SPEC §6).</summary>
public enum ComplaintState
{
    /// <summary>Recorded; validity not judged yet.</summary>
    Received = 0,
    /// <summary>Judged valid: to be dispatched to the responsible department (30 minutes).</summary>
    Valid = 1,
    /// <summary>Not ours: explained to the customer, closed with their agreement recorded.</summary>
    Explained = 2,
    /// <summary>With the responsible department and person: a solution to the customer within 24 hours, the result within 48.</summary>
    Dispatched = 3,
    /// <summary>The department's solution has been put to the customer.</summary>
    Proposed = 4,
    /// <summary>The department's result is back at DCRC: for its manager's approval.</summary>
    Resulted = 5,
    /// <summary>Approved by the department manager; the compensation is above the threshold: for the GM.</summary>
    AwaitingGm = 6,
    /// <summary>Approved: for the customer's acceptance.</summary>
    Approved = 7,
    /// <summary>The customer accepted the outcome: to be closed.</summary>
    Accepted = 8,
    /// <summary>Closed: follow-up on the result within 3 days, satisfaction callback within a week.</summary>
    Closed = 9,
    /// <summary>Followed up after closing.</summary>
    FollowedUp = 10,
}

/// <summary>What can be done to a case.</summary>
public enum ComplaintAction
{
    JudgeValid, JudgeInvalid, Dispatch, Propose, ReportResult, Approve, GmApprove, Reject, Accept, Close, FollowUp, Reopen, Pause, Resume,
    /// <summary>催办: a reminder to the person responsible and their department's manager.</summary>
    Urge,
    /// <summary>改派: to another department and/or person responsible.</summary>
    Redispatch,
    /// <summary>接管: the manager makes themselves the person responsible.</summary>
    TakeOver,
}

/// <summary>
/// Who does a step: DCRC (reception/specialists), the responsible department, its manager, the GM, and whoever
/// manages the complaint work (the CR manager and the GM: <see cref="ComplaintPermissions.Manage"/>).
/// </summary>
public enum ComplaintActor { Dcrc, Department, DepartmentManager, GeneralManager, Manager }

/// <summary>
/// The order of the work, as a pure rule: which action is allowed from which state, by whom, and where it leads.
/// No step can be skipped: every action names the one state (or few) it starts from.
/// </summary>
public static class ComplaintWorkflow
{
    /// <summary>An action from some states, by some actors; an action may have several steps when who does it depends on the state.</summary>
    public sealed record Step(ComplaintAction Action, ComplaintState[] From, ComplaintActor[] By);

    public static readonly IReadOnlyList<Step> Steps =
    [
        new(ComplaintAction.JudgeValid, [ComplaintState.Received], [ComplaintActor.Dcrc]),
        new(ComplaintAction.JudgeInvalid, [ComplaintState.Received], [ComplaintActor.Dcrc]),
        new(ComplaintAction.Dispatch, [ComplaintState.Valid], [ComplaintActor.Dcrc]),
        new(ComplaintAction.Propose, [ComplaintState.Dispatched], [ComplaintActor.Department, ComplaintActor.DepartmentManager]),
        new(ComplaintAction.ReportResult, [ComplaintState.Proposed], [ComplaintActor.Department, ComplaintActor.DepartmentManager]),
        new(ComplaintAction.Approve, [ComplaintState.Resulted], [ComplaintActor.DepartmentManager]),
        new(ComplaintAction.GmApprove, [ComplaintState.AwaitingGm], [ComplaintActor.GeneralManager]),
        // Not approved by the manager or the GM, or not accepted by the customer: the manager or the GM sends the result
        // back to the department (DCRC never does); a case waiting for the GM is the GM's to send back.
        new(ComplaintAction.Reject, [ComplaintState.Resulted, ComplaintState.Approved], [ComplaintActor.DepartmentManager, ComplaintActor.GeneralManager]),
        new(ComplaintAction.Reject, [ComplaintState.AwaitingGm], [ComplaintActor.GeneralManager]),
        new(ComplaintAction.Accept, [ComplaintState.Approved], [ComplaintActor.Dcrc]),
        new(ComplaintAction.Close, [ComplaintState.Accepted], [ComplaintActor.Dcrc]),
        new(ComplaintAction.FollowUp, [ComplaintState.Closed], [ComplaintActor.Dcrc]),
        new(ComplaintAction.Reopen, [ComplaintState.Closed, ComplaintState.FollowedUp, ComplaintState.Explained], [ComplaintActor.Dcrc]),
        // Waiting on the customer stops the clock of the open step, and only then.
        new(ComplaintAction.Pause, [ComplaintState.Valid, ComplaintState.Dispatched, ComplaintState.Proposed], [ComplaintActor.Dcrc, ComplaintActor.Department, ComplaintActor.DepartmentManager]),
        new(ComplaintAction.Resume, [ComplaintState.Valid, ComplaintState.Dispatched, ComplaintState.Proposed], [ComplaintActor.Dcrc, ComplaintActor.Department, ComplaintActor.DepartmentManager]),
        // The managers act on a case the department is late with: while its solution or result is owed, they remind
        // the department (and, the result back, its manager who is to approve it), send the case to another
        // department or person, or take it over themselves. None of these moves the case on (see Next) and none
        // restarts a clock: the limits run on from the first dispatch. Not on a finished case, and — as every step —
        // not while it is paused.
        new(ComplaintAction.Urge, [ComplaintState.Dispatched, ComplaintState.Proposed, ComplaintState.Resulted], [ComplaintActor.Manager]),
        new(ComplaintAction.Redispatch, [ComplaintState.Dispatched, ComplaintState.Proposed], [ComplaintActor.Manager]),
        new(ComplaintAction.TakeOver, [ComplaintState.Dispatched, ComplaintState.Proposed], [ComplaintActor.Manager]),
    ];

    /// <summary>The managers' actions on a case the department is late with: they change who works on it, never where it stands.</summary>
    public static bool IsManagement(ComplaintAction action) => action is ComplaintAction.Urge or ComplaintAction.Redispatch or ComplaintAction.TakeOver;

    public enum Refusal { None, WrongState, WrongActor, NotPaused, AlreadyPaused, Paused }

    /// <summary>Whether <paramref name="actors"/> may do <paramref name="action"/> to a case in <paramref name="state"/>.</summary>
    public static Refusal Check(ComplaintState state, bool paused, ComplaintAction action, IReadOnlyCollection<ComplaintActor> actors)
    {
        var steps = Steps.Where(s => s.Action == action && s.From.Contains(state)).ToList();
        if (steps.Count == 0) return Refusal.WrongState;
        if (!steps.Any(s => s.By.Any(actors.Contains))) return Refusal.WrongActor;
        if (action == ComplaintAction.Pause && paused) return Refusal.AlreadyPaused;
        if (action == ComplaintAction.Resume && !paused) return Refusal.NotPaused;
        // Nothing moves on while the clock is stopped, but resuming it.
        if (paused && action != ComplaintAction.Resume) return Refusal.Paused;
        return Refusal.None;
    }

    /// <summary>The state an allowed action leads to; approval goes to the GM when the compensation is above the threshold.</summary>
    public static ComplaintState Next(ComplaintState state, ComplaintAction action, decimal? compensation, decimal gmThreshold) => action switch
    {
        ComplaintAction.JudgeValid => ComplaintState.Valid,
        ComplaintAction.JudgeInvalid => ComplaintState.Explained,
        ComplaintAction.Dispatch => ComplaintState.Dispatched,
        ComplaintAction.Propose => ComplaintState.Proposed,
        ComplaintAction.ReportResult => ComplaintState.Resulted,
        ComplaintAction.Approve => (compensation ?? 0) > gmThreshold ? ComplaintState.AwaitingGm : ComplaintState.Approved,
        ComplaintAction.GmApprove => ComplaintState.Approved,
        ComplaintAction.Reject => ComplaintState.Dispatched,
        ComplaintAction.Accept => ComplaintState.Accepted,
        ComplaintAction.Close => ComplaintState.Closed,
        ComplaintAction.FollowUp => ComplaintState.FollowedUp,
        ComplaintAction.Reopen => ComplaintState.Dispatched,
        ComplaintAction.Pause or ComplaintAction.Resume or ComplaintAction.Urge or ComplaintAction.Redispatch or ComplaintAction.TakeOver => state,
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };

    /// <summary>The actions open to these actors now, in the order of the work (for the buttons of a case).</summary>
    public static IEnumerable<ComplaintAction> Available(ComplaintState state, bool paused, IReadOnlyCollection<ComplaintActor> actors) =>
        Steps.Select(s => s.Action).Distinct().Where(a => Check(state, paused, a, actors) == Refusal.None);

    /// <summary>
    /// The one definition of an open case: not finished — neither explained (not ours), closed nor followed up. Used in
    /// queries (the case list, the caller's card) and, compiled, in memory (<see cref="IsOpen"/>, statistics).
    /// </summary>
    public static readonly Expression<Func<Complaint, bool>> Open =
        c => c.State != ComplaintState.Explained && c.State != ComplaintState.Closed && c.State != ComplaintState.FollowedUp;

    /// <summary>
    /// The cases whose time limits still run: the open ones and the closed ones waiting for their follow-up call
    /// (the follow-up limit runs from the close). Deliberately wider than <see cref="Open"/>.
    /// </summary>
    public static readonly Expression<Func<Complaint, bool>> LimitsRunning =
        c => c.State != ComplaintState.Explained && c.State != ComplaintState.FollowedUp;

    private static readonly Func<Complaint, bool> OpenCase = Open.Compile();

    public static bool IsOpen(ComplaintState s) => OpenCase(new Complaint { State = s });
}

/// <summary>The time limits of a case, in business time (settings in <see cref="ComplaintSettings"/>).</summary>
public enum ComplaintLimit
{
    /// <summary>From receipt to dispatch: 30 minutes.</summary>
    Dispatch = 0,
    /// <summary>From dispatch to the solution put to the customer: 24 hours.</summary>
    Proposal = 1,
    /// <summary>From dispatch to the department's result back at DCRC: 48 hours.</summary>
    Result = 2,
    /// <summary>From closing to the follow-up on the result: 3 days.</summary>
    FollowUp = 3,
}
