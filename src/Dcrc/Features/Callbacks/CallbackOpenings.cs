using Dcrc.Kernel.Cases;
using Dcrc.Data;
using Microsoft.EntityFrameworkCore;

namespace Dcrc.Features.Callbacks;

/// <summary>
/// A callback another desk asks for (a call owed or missed, a closed complaint's satisfaction call). The asking feature
/// works out when it is due from its own settings; <see cref="CustomerId"/> is 0 for a caller without an archive.
/// </summary>
public sealed record NewCallback(int StoreId, CallbackKind Kind, long SourceId, DateOnly EventDate, long CustomerId, long? VehicleId,
    DateOnly DueOn, DateOnly DueBy)
{
    /// <summary>The one who is to call (their queue); null puts it in the specialists' pool.</summary>
    public string? AssignTo { get; init; }
    /// <summary>A time promised to the caller: the task is due then.</summary>
    public DateTime? PromisedAt { get; init; }
    public long? ComplaintId { get; init; }
    /// <summary>The person the call is about (the case's responsible), shown on the task.</summary>
    public string? StaffName { get; init; }
}

/// <summary>
/// "Open a callback task": the one way another feature puts work in the callback queue. The task joins the caller's
/// unit of work and is saved with it; a second ask for the same kind, source and event day gives the task already
/// made (the unique index on those three makes it so even across instances).
/// </summary>
public sealed class CallbackOpenings(DcrcDb db, TimeProvider clock)
{
    /// <summary>Opens the task (saved in the caller's transaction) and returns its id.</summary>
    public async Task<long> OpenAsync(NewCallback n, CancellationToken ct = default)
    {
        // Any store: the asking feature has checked its own record; the index on (kind, source, event date) is global.
        var existing = await db.CallbackTasks.IgnoreQueryFilters()
            .Where(t => t.Kind == n.Kind && t.SourceId == n.SourceId && t.EventDate == n.EventDate).Select(t => (long?)t.Id).FirstOrDefaultAsync(ct);
        if (existing is { } id) return id;
        var task = new CallbackTask
        {
            StoreId = n.StoreId, Kind = n.Kind, SourceId = n.SourceId, EventDate = n.EventDate, CustomerId = n.CustomerId, VehicleId = n.VehicleId,
            DueOn = n.DueOn, DueBy = n.DueBy < n.DueOn ? n.DueOn : n.DueBy, Status = CallbackStatus.Open, AssignedTo = n.AssignTo,
            RescheduledTo = n.PromisedAt, ComplaintId = n.ComplaintId, StaffName = n.StaffName, CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.CallbackTasks.Add(task);
        await db.SaveChangesAsync(ct);
        return task.Id;
    }
}
