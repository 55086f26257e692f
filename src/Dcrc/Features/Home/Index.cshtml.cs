using Dcrc.Data;
using Dcrc.Features.Callbacks;
using Dcrc.Features.Calls;
using Dcrc.Features.Shared;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Writes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dcrc.Features.Home;

/// <summary>
/// <c>/</c>, where the login lands: the home of the user's most specific role (<see cref="Homes"/>), or another of
/// theirs when asked (<c>?home=Dashboard</c>). Reception's home is the call desk itself.
/// </summary>
public class IndexModel(CurrentUser me, DcrcDb db, Shell shell, SpecialistDay specialist, ManagerDashboard dashboard, StaffDay staff, MarketingDesk marketing,
    CallbackDesk callbacks, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "home")] public HomeKind? Asked { get; set; }
    public IReadOnlyList<HomeKind> Mine { get; private set; } = [];
    public HomeKind Shown { get; private set; }
    public string DisplayName => me.DisplayName;
    public IReadOnlyList<string> Roles => me.Roles;
    public List<string> Stores { get; private set; } = [];

    public SpecialistDay.View? Specialist { get; private set; }
    public ManagerDashboard.View? Dashboard { get; private set; }
    public StaffDay.View? Staff { get; private set; }
    public MarketingDesk.View? Marketing { get; private set; }
    /// <summary>The administrator's pages: the navigation's administration and audit entries they may open.</summary>
    public IReadOnlyList<Shell.NavItem> AdminPages { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        Mine = Homes.Of(me.Roles);
        Shown = Asked is { } asked && Mine.Contains(asked) ? asked : Mine[0];
        if (Shown == HomeKind.CallDesk)
        {
            if (await me.CanAsync(CallPermissions.Desk)) return LocalRedirect("/Calls");
            Shown = HomeKind.Welcome;
        }
        var ids = me.StoreIds;
        Stores = await db.Stores.AsNoTracking().Where(s => ids.Contains(s.Id)).OrderBy(s => s.Code).Select(s => s.Name).ToListAsync();
        switch (Shown)
        {
            case HomeKind.Specialist: Specialist = await specialist.LoadAsync(); break;
            case HomeKind.Dashboard: Dashboard = await dashboard.LoadAsync(); break;
            case HomeKind.Staff: Staff = await staff.LoadAsync(); break;
            case HomeKind.Marketing: Marketing = await marketing.LoadAsync(); break;
            case HomeKind.Admin:
                AdminPages = (await shell.NavigationAsync()).Where(g => g.Key is "Nav.Admin" or "Nav.Audit").SelectMany(g => g).ToList();
                break;
        }
        return Page();
    }

    /// <summary>"开始回访" on a pool task: takes it, then opens it; someone quicker has it → back home with a word.</summary>
    public async Task<IActionResult> OnPostStartAsync(long id)
    {
        if (!await me.CanAsync(CallbackPermissions.Work)) return Forbid();
        var taken = await callbacks.ClaimAsync(id);
        if (taken.OutOfReach() is { } away) return away;
        if (!taken.Saved)
        {
            TempData["Flash"] = l["Callbacks.HeldByOther"].Value;
            return LocalRedirect("/");
        }
        return LocalRedirect($"/Callbacks/{id}");
    }

    /// <summary>The link to another of the user's homes (the call desk is its own page).</summary>
    public static string LinkTo(HomeKind home) => home == HomeKind.CallDesk ? "/Calls" : $"/?home={home}";
}
