using Microsoft.EntityFrameworkCore;

namespace Dcrc.Features.Callbacks;

/// <summary>"Save and next": the task a specialist works after this one.</summary>
public partial class CallbackDesk
{
    /// <summary>
    /// The next task to call, other than <paramref name="after"/>: one whose agreed call-back time has come (earliest
    /// first), else the oldest due or overdue one — the user's own, or the pool's when they work it (a manager is not
    /// sent to a colleague's task). Null when the day's work is done.
    /// </summary>
    public async Task<long?> NextAsync(long? after = null)
    {
        var today = await TodayAsync();
        var now = clock.GetUtcNow().UtcDateTime;
        var id = me.Id ?? "";
        var pool = await me.CanAsync(CallbackPermissions.Pool);
        var mine = (await VisibleAsync()).Where(t => t.Status == CallbackStatus.Open && t.Id != (after ?? 0)
            && (t.AssignedTo == id || (pool && t.AssignedTo == null)));
        var agreed = await mine.Where(t => t.RescheduledTo != null && t.RescheduledTo <= now)
            .OrderBy(t => t.RescheduledTo).ThenBy(t => t.Id).Select(t => (long?)t.Id).FirstOrDefaultAsync();
        if (agreed is not null) return agreed;
        return await mine.Where(t => t.RescheduledTo == null && t.DueOn <= today)
            .OrderBy(t => t.DueOn).ThenBy(t => t.Id).Select(t => (long?)t.Id).FirstOrDefaultAsync();
    }
}
