using Dcrc.Data;
using Dcrc.Features.Callbacks;
using Dcrc.Features.Customers;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Cases;
using Dcrc.Kernel.Identifiers;
using Dcrc.Kernel.Notifications;
using Dcrc.Kernel.Time;
using Microsoft.EntityFrameworkCore;

namespace Dcrc.Features.Home;

/// <summary>
/// The callback specialist's day: the queue's counts as the queue counts them (<see cref="CallbackDesk.CountsAsync"/>),
/// the next task to call (<see cref="CallbackDesk.NextAsync"/>), the promised call-backs and missed calls that want calling, and today's reminders.
/// Each figure is one query over the tasks the user may see (<see cref="CallbackDesk.VisibleAsync"/>).
/// </summary>
public class SpecialistDay(DcrcDb db, CallbackDesk desk, MaskedCustomers cards, StoreClock storeClock, Notifier notifier, CurrentUser me)
{
    /// <summary>How many promised call-backs and missed calls the home lists (the queue has them all).</summary>
    public const int CallsShown = 8;

    /// <summary>A task as the home shows it: whom to call (masked) and by when.</summary>
    public sealed record Line(long Id, CallbackKind Kind, string? Customer, string? Caller, string? Number, DateOnly DueOn, DateOnly DueBy,
        DateTime? RescheduledTo, bool Mine, bool Overdue);

    public sealed record View(CallbackDesk.Counts Counts, Line? Next, IReadOnlyList<Line> Calls, int PromisedDue, int MissedDue, int Unread,
        DateOnly Today, TimeZoneInfo Zone);

    private sealed class Raw
    {
        public long Id { get; init; }
        public int StoreId { get; init; }
        public CallbackKind Kind { get; init; }
        public long CustomerId { get; init; }
        public DateOnly DueOn { get; init; }
        public DateOnly DueBy { get; init; }
        public DateTime? RescheduledTo { get; init; }
        public string? AssignedTo { get; init; }
        public string? CallerName { get; init; }
        public string? CallerNumber { get; init; }
    }

    public async Task<View> LoadAsync()
    {
        var counts = await desk.CountsAsync();
        var visible = await desk.VisibleAsync();
        var today = await desk.TodayAsync();
        var zone = await storeClock.ZoneAsync();
        var end = await storeClock.EndOfTodayAsync();
        var id = me.Id ?? "";

        // The next one is the queue's (开始回访下一个任务): an agreed time that has come first, then the oldest due; own or the pool's.
        var nextId = await desk.NextAsync();
        var next = nextId is { } n ? await Ordered(visible.Where(t => t.Id == n), id).ToListAsync() : [];

        // Promised call-backs and missed calls due today or overdue (a reschedule within today counts, as in the queue's count).
        var calls = visible.Where(t => (t.Kind == CallbackKind.PromisedCallback || t.Kind == CallbackKind.MissedCall) && t.Status == CallbackStatus.Open
            && (t.RescheduledTo == null ? t.DueOn <= today : t.RescheduledTo < end));
        var byKind = await calls.GroupBy(t => t.Kind).Select(g => new { g.Key, N = g.Count() }).ToListAsync();
        var callLines = await Ordered(calls, id).Take(CallsShown).ToListAsync();

        var customers = await cards.ForWorkAsync(next.Concat(callLines).Select(r => (r.StoreId, r.CustomerId)));
        Line Of(Raw r) => new(r.Id, r.Kind, customers.GetValueOrDefault(r.CustomerId)?.Name, r.CallerName,
            customers.GetValueOrDefault(r.CustomerId)?.Mobile ?? (r.CallerNumber is null ? null : Phone.Mask(r.CallerNumber)),
            r.DueOn, r.DueBy, r.RescheduledTo, r.AssignedTo == id, r.RescheduledTo == null && r.DueBy < today);

        return new(counts, next.Select(Of).FirstOrDefault(), callLines.Select(Of).ToList(),
            byKind.FirstOrDefault(k => k.Key == CallbackKind.PromisedCallback)?.N ?? 0, byKind.FirstOrDefault(k => k.Key == CallbackKind.MissedCall)?.N ?? 0,
            me.Id is { } userId ? await notifier.UnreadAsync(userId) : 0, today, zone);
    }

    /// <summary>Own tasks first, then a time promised to the customer that has come, then the oldest window; with the caller of a call task (number masked later).</summary>
    private IQueryable<Raw> Ordered(IQueryable<CallbackTask> tasks, string id) =>
        tasks.OrderBy(t => t.AssignedTo == id ? 0 : 1).ThenBy(t => t.RescheduledTo == null ? 1 : 0).ThenBy(t => t.RescheduledTo).ThenBy(t => t.DueOn).ThenBy(t => t.Id)
            .Select(t => new Raw
            {
                Id = t.Id, StoreId = t.StoreId, Kind = t.Kind, CustomerId = t.CustomerId, DueOn = t.DueOn, DueBy = t.DueBy, RescheduledTo = t.RescheduledTo,
                AssignedTo = t.AssignedTo,
                CallerName = t.Kind == CallbackKind.PromisedCallback || t.Kind == CallbackKind.MissedCall
                    ? db.CallLogs.Where(c => c.Id == t.SourceId).Select(c => c.CallerName).FirstOrDefault() : null,
                CallerNumber = t.CustomerId == 0 && (t.Kind == CallbackKind.PromisedCallback || t.Kind == CallbackKind.MissedCall)
                    ? db.CallLogs.Where(c => c.Id == t.SourceId).Select(c => c.Number).FirstOrDefault() : null,
            });
}
