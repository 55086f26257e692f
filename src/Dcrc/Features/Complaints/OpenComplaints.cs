using Dcrc.Data;
using Dcrc.Features.Calls;
using Microsoft.EntityFrameworkCore;

namespace Dcrc.Features.Complaints;

/// <summary>Open complaint cases of the callers, on the call desk's card beside the grievances (within the user's stores).</summary>
public class OpenComplaints(DcrcDb db) : ICallerCaseSource
{
    public async Task<IReadOnlyList<CallerCase>> OpenCasesAsync(IReadOnlyCollection<long> customerIds)
    {
        var open = await db.Complaints.AsNoTracking()
            .Where(c => customerIds.Contains(c.CustomerId)).Where(ComplaintWorkflow.Open)
            .OrderByDescending(c => c.ReceivedAt).ThenByDescending(c => c.Id).Take(20).ToListAsync();
        return open.Select(c => new CallerCase(c.CustomerId, "Calls.Case.Complaint", c.Number, c.Description.Length > 80 ? c.Description[..80] + "…" : c.Description,
            null, $"/Complaints/{c.Id}")).ToList();
    }
}
