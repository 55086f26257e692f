using Dcrc.Features.Complaints;

namespace Dcrc.Tests.Features.Complaints;

public class ComplaintWorkflowTests
{
    private static readonly ComplaintActor[] Everyone = Enum.GetValues<ComplaintActor>();

    // The one allowed (state → action → next state, by whom) for every action; everything else is refused.
    public static TheoryData<ComplaintState, ComplaintAction, ComplaintState, ComplaintActor> Allowed => new()
    {
        { ComplaintState.Received, ComplaintAction.JudgeValid, ComplaintState.Valid, ComplaintActor.Dcrc },
        { ComplaintState.Received, ComplaintAction.JudgeInvalid, ComplaintState.Explained, ComplaintActor.Dcrc },
        { ComplaintState.Valid, ComplaintAction.Dispatch, ComplaintState.Dispatched, ComplaintActor.Dcrc },
        { ComplaintState.Dispatched, ComplaintAction.Propose, ComplaintState.Proposed, ComplaintActor.Department },
        { ComplaintState.Dispatched, ComplaintAction.Propose, ComplaintState.Proposed, ComplaintActor.DepartmentManager },
        { ComplaintState.Proposed, ComplaintAction.ReportResult, ComplaintState.Resulted, ComplaintActor.Department },
        { ComplaintState.Resulted, ComplaintAction.Approve, ComplaintState.Approved, ComplaintActor.DepartmentManager },
        { ComplaintState.AwaitingGm, ComplaintAction.GmApprove, ComplaintState.Approved, ComplaintActor.GeneralManager },
        // A result is sent back by the department's manager or the GM — while waiting for the GM, by the GM only; never by DCRC.
        { ComplaintState.Resulted, ComplaintAction.Reject, ComplaintState.Dispatched, ComplaintActor.DepartmentManager },
        { ComplaintState.Resulted, ComplaintAction.Reject, ComplaintState.Dispatched, ComplaintActor.GeneralManager },
        { ComplaintState.AwaitingGm, ComplaintAction.Reject, ComplaintState.Dispatched, ComplaintActor.GeneralManager },
        { ComplaintState.Approved, ComplaintAction.Reject, ComplaintState.Dispatched, ComplaintActor.DepartmentManager },
        { ComplaintState.Approved, ComplaintAction.Reject, ComplaintState.Dispatched, ComplaintActor.GeneralManager },
        { ComplaintState.Approved, ComplaintAction.Accept, ComplaintState.Accepted, ComplaintActor.Dcrc },
        { ComplaintState.Accepted, ComplaintAction.Close, ComplaintState.Closed, ComplaintActor.Dcrc },
        { ComplaintState.Closed, ComplaintAction.FollowUp, ComplaintState.FollowedUp, ComplaintActor.Dcrc },
        { ComplaintState.Closed, ComplaintAction.Reopen, ComplaintState.Dispatched, ComplaintActor.Dcrc },
        { ComplaintState.FollowedUp, ComplaintAction.Reopen, ComplaintState.Dispatched, ComplaintActor.Dcrc },
        { ComplaintState.Explained, ComplaintAction.Reopen, ComplaintState.Dispatched, ComplaintActor.Dcrc },
        // The managers act on a case the department is late with, without moving it on.
        { ComplaintState.Dispatched, ComplaintAction.Urge, ComplaintState.Dispatched, ComplaintActor.Manager },
        { ComplaintState.Proposed, ComplaintAction.Urge, ComplaintState.Proposed, ComplaintActor.Manager },
        { ComplaintState.Resulted, ComplaintAction.Urge, ComplaintState.Resulted, ComplaintActor.Manager },
        { ComplaintState.Dispatched, ComplaintAction.Redispatch, ComplaintState.Dispatched, ComplaintActor.Manager },
        { ComplaintState.Proposed, ComplaintAction.Redispatch, ComplaintState.Proposed, ComplaintActor.Manager },
        { ComplaintState.Dispatched, ComplaintAction.TakeOver, ComplaintState.Dispatched, ComplaintActor.Manager },
        { ComplaintState.Proposed, ComplaintAction.TakeOver, ComplaintState.Proposed, ComplaintActor.Manager },
    };

    private static readonly ComplaintAction[] Management = [ComplaintAction.Urge, ComplaintAction.Redispatch, ComplaintAction.TakeOver];

    [Theory]
    [MemberData(nameof(Allowed))]
    public void An_allowed_step_leads_to_its_next_state(ComplaintState from, ComplaintAction action, ComplaintState to, ComplaintActor by)
    {
        ComplaintWorkflow.Check(from, paused: false, action, [by]).ShouldBe(ComplaintWorkflow.Refusal.None);
        ComplaintWorkflow.Next(from, action, compensation: null, gmThreshold: 2000).ShouldBe(to);
    }

    [Fact]
    public void Every_other_state_and_action_is_refused_whoever_asks()
    {
        var allowed = Allowed.Select(r => ((ComplaintState)r[0], (ComplaintAction)r[1])).ToHashSet();
        var pauseStates = new[] { ComplaintState.Valid, ComplaintState.Dispatched, ComplaintState.Proposed };
        foreach (var state in Enum.GetValues<ComplaintState>())
            foreach (var action in Enum.GetValues<ComplaintAction>().Where(a => a is not (ComplaintAction.Pause or ComplaintAction.Resume)))
                if (!allowed.Contains((state, action)))
                    ComplaintWorkflow.Check(state, false, action, Everyone).ShouldBe(ComplaintWorkflow.Refusal.WrongState, $"{action} from {state}");
        foreach (var state in Enum.GetValues<ComplaintState>().Except(pauseStates))
            ComplaintWorkflow.Check(state, false, ComplaintAction.Pause, Everyone).ShouldBe(ComplaintWorkflow.Refusal.WrongState);
    }

    [Fact]
    public void Each_step_is_refused_to_those_who_do_not_do_it()
    {
        foreach (var row in Allowed)
        {
            var (state, action) = ((ComplaintState)row[0], (ComplaintAction)row[1]);
            var by = ComplaintWorkflow.Steps.Where(s => s.Action == action && s.From.Contains(state)).SelectMany(s => s.By);
            foreach (var actor in Everyone.Except(by))
                ComplaintWorkflow.Check(state, false, action, [actor]).ShouldBe(ComplaintWorkflow.Refusal.WrongActor, $"{actor} {action}");
        }
        // Reception cannot approve; the department cannot close; a manager of the department cannot dispatch.
        ComplaintWorkflow.Check(ComplaintState.Resulted, false, ComplaintAction.Approve, [ComplaintActor.Dcrc]).ShouldBe(ComplaintWorkflow.Refusal.WrongActor);
        ComplaintWorkflow.Check(ComplaintState.Accepted, false, ComplaintAction.Close, [ComplaintActor.Department]).ShouldBe(ComplaintWorkflow.Refusal.WrongActor);
        ComplaintWorkflow.Check(ComplaintState.Valid, false, ComplaintAction.Dispatch, [ComplaintActor.DepartmentManager]).ShouldBe(ComplaintWorkflow.Refusal.WrongActor);
    }

    [Fact]
    public void Dcrc_never_sends_a_result_back_and_a_case_waiting_for_the_gm_is_the_gms()
    {
        foreach (var state in new[] { ComplaintState.Resulted, ComplaintState.AwaitingGm, ComplaintState.Approved })
        {
            ComplaintWorkflow.Check(state, false, ComplaintAction.Reject, [ComplaintActor.Dcrc]).ShouldBe(ComplaintWorkflow.Refusal.WrongActor, state.ToString());
            ComplaintWorkflow.Available(state, false, [ComplaintActor.Dcrc]).ShouldNotContain(ComplaintAction.Reject, state.ToString());
        }
        ComplaintWorkflow.Check(ComplaintState.AwaitingGm, false, ComplaintAction.Reject, [ComplaintActor.DepartmentManager]).ShouldBe(ComplaintWorkflow.Refusal.WrongActor);
        ComplaintWorkflow.Available(ComplaintState.AwaitingGm, false, [ComplaintActor.GeneralManager]).ShouldBe([ComplaintAction.GmApprove, ComplaintAction.Reject]);
    }

    [Fact]
    public void Only_a_manager_urges_re_dispatches_or_takes_over_never_dcrc_the_department_its_manager_or_the_gm_approver()
    {
        foreach (var state in new[] { ComplaintState.Dispatched, ComplaintState.Proposed })
            foreach (var action in Management)
                foreach (var actor in new[] { ComplaintActor.Dcrc, ComplaintActor.Department, ComplaintActor.DepartmentManager, ComplaintActor.GeneralManager })
                {
                    ComplaintWorkflow.Check(state, false, action, [actor]).ShouldBe(ComplaintWorkflow.Refusal.WrongActor, $"{actor} {action} {state}");
                    ComplaintWorkflow.Available(state, false, [actor]).ShouldNotContain(action, $"{actor} {state}");
                }
        // The CR manager is DCRC and a manager: both sets of steps are open to them.
        ComplaintWorkflow.Available(ComplaintState.Dispatched, false, [ComplaintActor.Dcrc, ComplaintActor.Manager])
            .ShouldBe([ComplaintAction.Pause, ComplaintAction.Urge, ComplaintAction.Redispatch, ComplaintAction.TakeOver]);
        ComplaintWorkflow.Available(ComplaintState.Resulted, false, [ComplaintActor.Manager]).ShouldBe([ComplaintAction.Urge]);
    }

    [Fact]
    public void The_managers_act_only_while_the_department_owes_its_solution_or_result()
    {
        var urge = new[] { ComplaintState.Dispatched, ComplaintState.Proposed, ComplaintState.Resulted };
        var move = new[] { ComplaintState.Dispatched, ComplaintState.Proposed };
        foreach (var state in Enum.GetValues<ComplaintState>())
        {
            ComplaintWorkflow.Check(state, false, ComplaintAction.Urge, [ComplaintActor.Manager])
                .ShouldBe(urge.Contains(state) ? ComplaintWorkflow.Refusal.None : ComplaintWorkflow.Refusal.WrongState, $"urge {state}");
            foreach (var action in new[] { ComplaintAction.Redispatch, ComplaintAction.TakeOver })
                ComplaintWorkflow.Check(state, false, action, [ComplaintActor.Manager])
                    .ShouldBe(move.Contains(state) ? ComplaintWorkflow.Refusal.None : ComplaintWorkflow.Refusal.WrongState, $"{action} {state}");
        }
        // Never on a finished case, nor before it is dispatched, nor while the GM or the customer decides.
        foreach (var state in new[] { ComplaintState.Received, ComplaintState.Valid, ComplaintState.Explained, ComplaintState.AwaitingGm, ComplaintState.Approved,
                     ComplaintState.Accepted, ComplaintState.Closed, ComplaintState.FollowedUp })
            foreach (var action in Management)
                ComplaintWorkflow.Check(state, false, action, Everyone).ShouldBe(ComplaintWorkflow.Refusal.WrongState, $"{action} {state}");
    }

    [Fact]
    public void The_managers_actions_never_move_the_case_on_and_wait_while_it_is_paused()
    {
        foreach (var state in new[] { ComplaintState.Dispatched, ComplaintState.Proposed })
            foreach (var action in Management)
            {
                ComplaintWorkflow.Next(state, action, compensation: 5000m, gmThreshold: 2000).ShouldBe(state, $"{action} {state}");
                ComplaintWorkflow.IsManagement(action).ShouldBeTrue();
                ComplaintWorkflow.Check(state, paused: true, action, [ComplaintActor.Manager]).ShouldBe(ComplaintWorkflow.Refusal.Paused, $"{action} {state}");
            }
        Enum.GetValues<ComplaintAction>().Where(ComplaintWorkflow.IsManagement).ShouldBe(Management);
        ComplaintWorkflow.Available(ComplaintState.Proposed, true, [ComplaintActor.Manager]).ShouldBeEmpty();
    }

    [Fact]
    public void Approval_goes_to_the_gm_only_above_the_compensation_threshold()
    {
        ComplaintWorkflow.Next(ComplaintState.Resulted, ComplaintAction.Approve, 2000m, 2000).ShouldBe(ComplaintState.Approved);
        ComplaintWorkflow.Next(ComplaintState.Resulted, ComplaintAction.Approve, 2000.01m, 2000).ShouldBe(ComplaintState.AwaitingGm);
        ComplaintWorkflow.Next(ComplaintState.Resulted, ComplaintAction.Approve, null, 0).ShouldBe(ComplaintState.Approved);
    }

    [Fact]
    public void A_paused_case_only_resumes_and_only_a_running_step_pauses()
    {
        ComplaintWorkflow.Check(ComplaintState.Dispatched, false, ComplaintAction.Pause, [ComplaintActor.Department]).ShouldBe(ComplaintWorkflow.Refusal.None);
        ComplaintWorkflow.Check(ComplaintState.Dispatched, true, ComplaintAction.Pause, [ComplaintActor.Department]).ShouldBe(ComplaintWorkflow.Refusal.AlreadyPaused);
        ComplaintWorkflow.Check(ComplaintState.Dispatched, false, ComplaintAction.Resume, [ComplaintActor.Department]).ShouldBe(ComplaintWorkflow.Refusal.NotPaused);
        ComplaintWorkflow.Check(ComplaintState.Dispatched, true, ComplaintAction.Propose, [ComplaintActor.Department]).ShouldBe(ComplaintWorkflow.Refusal.Paused);
        ComplaintWorkflow.Check(ComplaintState.Dispatched, true, ComplaintAction.Resume, [ComplaintActor.Dcrc]).ShouldBe(ComplaintWorkflow.Refusal.None);
        ComplaintWorkflow.Available(ComplaintState.Dispatched, true, Everyone).ShouldBe([ComplaintAction.Resume]);
    }

    [Fact]
    public void Open_cases_are_those_not_explained_closed_or_followed_up()
    {
        Enum.GetValues<ComplaintState>().Where(ComplaintWorkflow.IsOpen).ShouldNotContain(ComplaintState.Closed);
        ComplaintWorkflow.IsOpen(ComplaintState.AwaitingGm).ShouldBeTrue();
        ComplaintWorkflow.IsOpen(ComplaintState.Explained).ShouldBeFalse();
    }

    [Fact]
    public void The_open_rule_in_queries_and_in_memory_agree_and_finished_states_are_the_three_ends()
    {
        var open = ComplaintWorkflow.Open.Compile();
        foreach (var state in Enum.GetValues<ComplaintState>())
            open(new Complaint { State = state }).ShouldBe(ComplaintWorkflow.IsOpen(state), state.ToString());
        Enum.GetValues<ComplaintState>().Where(s => !ComplaintWorkflow.IsOpen(s))
            .ShouldBe([ComplaintState.Explained, ComplaintState.Closed, ComplaintState.FollowedUp], ignoreOrder: true);
    }

    [Fact]
    public void Limits_run_on_open_cases_and_on_closed_cases_awaiting_their_follow_up()
    {
        var running = ComplaintWorkflow.LimitsRunning.Compile();
        foreach (var state in Enum.GetValues<ComplaintState>())
            running(new Complaint { State = state }).ShouldBe(ComplaintWorkflow.IsOpen(state) || state == ComplaintState.Closed, state.ToString());
    }
}
