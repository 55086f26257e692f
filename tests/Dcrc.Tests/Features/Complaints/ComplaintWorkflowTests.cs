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
    };

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
