using Dcrc.Kernel.Cases;
using Dcrc.Data;
using Dcrc.Features.Callbacks;
using Dcrc.Kernel.Identifiers;
using Microsoft.EntityFrameworkCore;

namespace Dcrc.Features.Calls;

/// <summary>
/// What the call desk offers the desks that follow a call up: the call (number masked) for the callback it owes and
/// the complaint taken on it, and "link the case to its call" (顾客来电记录表 → 投诉), in the caller's unit of work.
/// </summary>
public sealed class CallCases(DcrcDb db) : ISourceCalls, Customers.ICallerNumbers
{
    public async Task<SourceCall?> FindAsync(long callId)
    {
        var c = await db.CallLogs.AsNoTracking().FirstOrDefaultAsync(x => x.Id == callId);
        return c is null ? null : new SourceCall(c.Id, c.StoreId, c.At, Phone.Mask(c.Number), c.CallerName, c.Line, c.Missed,
            c.Purpose is { } p ? "CallPurpose." + p : null, c.Content, c.Handling, c.HandledByName, c.PromisedCallbackAt, c.CustomerId, c.VehicleId,
            c.ComplaintCategory, c.ComplaintId);
    }

    public Task<string?> NumberOfCallAsync(long callId) => db.CallLogs.Where(c => c.Id == callId).Select(c => c.Number).FirstOrDefaultAsync();

    /// <summary>Links the case to the call it was taken on; saved with the case.</summary>
    public async Task LinkAsync(long callId, long complaintId)
    {
        var call = await db.CallLogs.SingleAsync(x => x.Id == callId);
        call.ComplaintId = complaintId;
    }
}
