using Dcrc.Features.Callbacks;
using Dcrc.Features.Complaints;
using Dcrc.Features.Customers;
using Dcrc.Features.Customers.Cadence;
using Dcrc.Kernel.Access;
using Microsoft.EntityFrameworkCore;

namespace Dcrc.Features.Home;

/// <summary>
/// The day of a sales consultant or service advisor (their own customers and cases) and of their managers (the
/// department's): the customers due for a call or a visit by their class's cadence (<see cref="DueContacts"/>), the open
/// complaint cases dispatched to them (<see cref="ComplaintDesk.VisibleAsync"/>), and their callbacks of today.
/// </summary>
public class StaffDay(DueContacts due, ComplaintDesk complaints, CallbackDesk callbacks, Leads.LeadViews leads, Leads.LeadDesk leadDesk, CurrentUser me)
{
    /// <summary>How many lines of each list the home shows (the page behind it has them all).</summary>
    public const int Shown = 5;

    public sealed record Due(IReadOnlyList<DueContacts.Row> Rows, int Total);

    public sealed record Case(long Id, string Number, DateTime ReceivedAt, Kernel.Cases.ComplaintCategory Category, ComplaintState State, bool Emergency);

    /// <summary>Null for a part the user may not read.</summary>
    public sealed record View(Due? Calls, Due? Visits, IReadOnlyList<Case>? Cases, int CasesTotal, CallbackDesk.Counts? Callbacks, Leads.ConsultantDay? Leads);

    public async Task<View> LoadAsync()
    {
        Due? calls = null, visits = null;
        if (await me.CanAsync(CustomerPermissions.Read))
        {
            var (callRows, callTotal, _) = await due.ListAsync(Contact.Call, null, 1, Shown);
            var (visitRows, visitTotal, _) = await due.ListAsync(Contact.Visit, null, 1, Shown);
            (calls, visits) = (new(callRows, callTotal), new(visitRows, visitTotal));
        }
        List<Case>? cases = null;
        var casesTotal = 0;
        if (await me.CanAsync(ComplaintPermissions.Read))
        {
            var open = (await complaints.VisibleAsync()).Where(ComplaintWorkflow.Open);
            casesTotal = await open.CountAsync();
            cases = await open.OrderByDescending(c => c.Emergency).ThenBy(c => c.ReceivedAt).ThenBy(c => c.Id).Take(Shown)
                .Select(c => new Case(c.Id, Complaint.NumberOf(c.Id), c.ReceivedAt, c.Category, c.State, c.Emergency)).ToListAsync();
        }
        var work = await me.CanAsync(CallbackPermissions.Work) ? await callbacks.CountsAsync() : null;
        // A consultant's (or sales manager's) own day of leads, as the day page counts it.
        Leads.ConsultantDay? mine = null;
        if (await me.CanAsync(Leads.LeadPermissions.Follow) && leadDesk.DefaultStore is { } store && me.Id is { } id)
            mine = (await leads.DaysAsync(store, id)).FirstOrDefault();
        return new(calls, visits, cases, casesTotal, work, mine);
    }
}
