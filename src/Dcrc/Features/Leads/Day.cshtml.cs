using Dcrc.Kernel.Access;
using Dcrc.Kernel.Time;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dcrc.Features.Leads;

/// <summary>
/// The consultant's day: their due and overdue follow-ups, the leads not yet called, and the intent customers followed
/// today against the store's target (<see cref="LeadSettings.DailyIntentFollowUps"/>); the sales manager, DCRC and
/// the GM see every consultant's day.
/// </summary>
[RequirePermission("leads.read")]
public class DayModel(LeadViews views, CurrentUser me, StoreScope scope, StoreClock clock, Customers.CustomerArchive archive) : PageModel
{
    public DateOnly Today { get; private set; }
    public const int PageSize = 50;
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;
    public List<LeadLine> Due { get; private set; } = [];
    public Shared.Pager Pager { get; private set; } = null!;
    public List<ConsultantDay> Consultants { get; private set; } = [];
    public ConsultantDay? Mine { get; private set; }
    public bool Everyone { get; private set; }
    public bool NoStore { get; private set; }

    public async Task OnGetAsync()
    {
        var store = scope.CurrentStoreId ?? (me.StoreIds.Count == 1 ? me.StoreIds[0] : null);
        if (store is not { } s) { NoStore = true; return; }
        Today = await clock.TodayAsync(s);
        Everyone = (await archive.ViewerAsync()).Scope >= DataScope.Department;
        Consultants = await views.DaysAsync(s, Everyone ? null : me.Id);
        PageNumber = Math.Max(1, PageNumber);
        (Due, var total) = await views.DueAsync(s, Today, PageNumber, PageSize, LeadViews.DueOf(Consultants, me.Id));
        Pager = new Shared.Pager(PageNumber, PageSize, total, Request);
        Mine = Consultants.FirstOrDefault(c => c.UserId == me.Id);
    }
}
