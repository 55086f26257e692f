using Dcrc.Kernel.Access;

namespace Dcrc.Features.Home;

/// <summary>The home pages: what a role sees first after login (<c>/</c>).</summary>
public enum HomeKind
{
    /// <summary>A user with no business role (none of <see cref="Homes.ByRole"/>): who and where they are.</summary>
    Welcome,
    /// <summary>Sales consultants, service advisors and their managers: their customers due for contact, their cases.</summary>
    Staff,
    /// <summary>The callback specialist's day: the queue, the next task, promised call-backs and missed calls.</summary>
    Specialist,
    /// <summary>The reception specialist: the call desk (<c>/Calls</c>) itself.</summary>
    CallDesk,
    /// <summary>Marketing: what the archive offers until campaigns come with the care issue.</summary>
    Marketing,
    /// <summary>The CR manager, the GM and the group: the figures that exist today.</summary>
    Dashboard,
    /// <summary>The three administrators: their pages.</summary>
    Admin,
}

/// <summary>
/// Which home a user lands on. A user of several roles lands on the home of the most specific one: the narrowest
/// reach of data first (own customers, then a department, then a store, then the group), and at the same reach the
/// desk before the manager — the day's work before the oversight. The other homes of the user are a click away
/// (<c>/?home=Dashboard</c>).
/// </summary>
public static class Homes
{
    /// <summary>Every role's home, in the order a user of several roles lands (the first of theirs wins).</summary>
    public static readonly IReadOnlyList<(string Role, HomeKind Home)> ByRole =
    [
        (Roles.SalesConsultant, HomeKind.Staff),
        (Roles.ServiceAdvisor, HomeKind.Staff),
        (Roles.SalesManager, HomeKind.Staff),
        (Roles.ServiceManager, HomeKind.Staff),
        (Roles.CallbackSpecialist, HomeKind.Specialist),
        (Roles.ReceptionSpecialist, HomeKind.CallDesk),
        (Roles.Marketing, HomeKind.Marketing),
        (Roles.CrManager, HomeKind.Dashboard),
        (Roles.GeneralManager, HomeKind.Dashboard),
        (Roles.GroupManager, HomeKind.Dashboard),
        (Roles.SystemAdmin, HomeKind.Admin),
        (Roles.SecurityAdmin, HomeKind.Admin),
        (Roles.AuditAdmin, HomeKind.Admin),
    ];

    /// <summary>The homes of a user's roles, the one they land on first; <see cref="HomeKind.Welcome"/> alone for none.</summary>
    public static IReadOnlyList<HomeKind> Of(IEnumerable<string> roles)
    {
        var held = roles.ToHashSet(StringComparer.Ordinal);
        var homes = ByRole.Where(r => held.Contains(r.Role)).Select(r => r.Home).Distinct().ToList();
        return homes.Count > 0 ? homes : [HomeKind.Welcome];
    }
}
