using Dcrc.Kernel.Cases;

namespace Dcrc.Features.Callbacks;

/// <summary>
/// A call as the desks that follow one up see it (the callback of a missed or promised call, the complaint taken on a
/// call): its number masked, its purpose as a resource key.
/// </summary>
public sealed record SourceCall(long Id, int StoreId, DateTime At, string MaskedNumber, string? CallerName, string? Line, bool Missed,
    string? PurposeKey, string? Content, string? Handling, string? HandledByName, DateTime? PromisedCallbackAt, long? CustomerId, long? VehicleId,
    ComplaintCategory? Category, long? ComplaintId);

/// <summary>
/// The seam to the call desk, which sits above the callback centre (it opens callbacks): the call a task was opened for.
/// Implemented by the call desk (<c>Calls.CallCases</c>).
/// </summary>
public interface ISourceCalls
{
    /// <summary>The call, in any of the user's stores; null when there is none.</summary>
    Task<SourceCall?> FindAsync(long callId);
}
