using Dcrc.Kernel.Cases;

namespace Dcrc.Features.Callbacks;

/// <summary>
/// The seam to complaint handling, which sits above the callback centre (it opens satisfaction callbacks): a grievance
/// voiced in a callback or a dissatisfied score becomes a case of the callback channel (002 表5). Implemented by
/// <c>Complaints.ComplaintDesk</c>; the case is saved in the caller's transaction.
/// </summary>
public interface ICallbackGrievances
{
    /// <summary>Opens the case and returns its id.</summary>
    Task<long> OpenCaseAsync(CallbackTask task, ComplaintCategory category, string content);
}
