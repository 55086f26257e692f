using Microsoft.EntityFrameworkCore;

namespace Dcrc.Features.Callbacks;

/// <summary>"Save and next": the task a specialist works after this one.</summary>
public partial class CallbackDesk
{
    /// <summary>
    /// The next task to call, other than <paramref name="after"/>: the user's own before the pool's (when they work
    /// it; a manager is not sent to a colleague's task), and within each one whose agreed call-back time has come
    /// (earliest first), else the oldest due or overdue one. Null when the day's work is done.
    /// </summary>
    public async Task<long?> NextAsync(long? after = null)
    {
        var today = await TodayAsync();
        var now = clock.GetUtcNow().UtcDateTime;
        var id = me.Id ?? "";
        var pool = await me.CanAsync(CallbackPermissions.Pool);
        var mine = (await VisibleAsync()).Where(t => t.Status == CallbackStatus.Open && t.Id != (after ?? 0)
            && (t.AssignedTo == id || (pool && t.AssignedTo == null)));
        return await mine.Where(t => t.RescheduledTo == null ? t.DueOn <= today : t.RescheduledTo <= now)
            .OrderBy(t => t.AssignedTo == id ? 0 : 1).ThenBy(t => t.RescheduledTo == null ? 1 : 0).ThenBy(t => t.RescheduledTo)
            .ThenBy(t => t.DueOn).ThenBy(t => t.Id).Select(t => (long?)t.Id).FirstOrDefaultAsync();
    }
}
