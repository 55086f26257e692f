using Dcrc.Data;
using Dcrc.Features.Admin;
using Dcrc.Features.Audit;
using Dcrc.Kernel.Access;
using Microsoft.EntityFrameworkCore;

namespace Dcrc.Features.Shared;

/// <summary>What the layout shows around every page: the navigation the user may use and the stores they can switch to.</summary>
public class Shell(CurrentUser user, DcrcDb db, StoreScope scope, AccessControl access, IServiceProvider services)
{
    public sealed record NavItem(string Group, string Label, string Url, string Icon, Permission[] AnyOf);

    /// <summary>Left navigation, by capability. An item shows when the user holds any of its permissions (none = everyone).</summary>
    public static readonly NavItem[] Navigation =
    [
        new("Nav.Workbench", "Nav.Home", "/", "house", []),
        new("Nav.Workbench", "Nav.Notifications", "/Notifications", "bell", []),
        new("Nav.Archive", "Nav.Customers", "/Customers", "people", [Customers.CustomerPermissions.Read]),
        new("Nav.Archive", "Nav.Due", "/Customers/Due", "calendar-check", [Customers.CustomerPermissions.Read]),
        new("Nav.Archive", "Nav.Import", "/Customers/Import", "upload", [Customers.CustomerPermissions.Import]),
        new("Nav.Archive", "Nav.Handovers", "/Customers/Filing/Handovers", "inbox", [Customers.Filing.FilingPermissions.Filing]),
        new("Nav.Archive", "Nav.ArchiveChecks", "/Customers/Filing/Checks", "clipboard-check", [Customers.Filing.FilingPermissions.Filing]),
        new("Nav.Sales", "Nav.LeadDay", "/Leads/Day", "calendar-check", [Leads.LeadPermissions.Read]),
        new("Nav.Sales", "Nav.LeadVisit", "/Leads/Visit", "door-open", [Leads.LeadPermissions.Create]),
        new("Nav.Sales", "Nav.Leads", "/Leads", "person-plus", [Leads.LeadPermissions.Read]),
        new("Nav.Sales", "Nav.LeadPool", "/Leads/Pool", "inbox", [Leads.LeadPermissions.Read]),
        new("Nav.Sales", "Nav.LeadBatches", "/Leads/Batches", "upload", [Leads.LeadPermissions.Oem]),
        new("Nav.Sales", "Nav.LeadReports", "/Leads/Reports", "bar-chart", [Leads.LeadPermissions.Reports]),
        new("Nav.Service", "Nav.MaintenanceDue", "/Service/Due", "calendar-check", [Service.ServicePermissions.Read]),
        new("Nav.Service", "Nav.ServicePlans", "/Service/Plans", "wrench", [Service.ServicePermissions.Read]),
        new("Nav.Callbacks", "Nav.CallbackQueue", "/Callbacks", "telephone", [Callbacks.CallbackPermissions.Work]),
        new("Nav.Callbacks", "Nav.Complaints", "/Complaints", "exclamation", [Complaints.ComplaintPermissions.Read]),
        new("Nav.Callbacks", "Nav.ComplaintStatistics", "/Complaints/Statistics", "bar-chart", [Complaints.ComplaintPermissions.Read]),
        new("Nav.Callbacks", "Nav.Questionnaires", "/Callbacks/Questionnaires", "list-check", [Callbacks.CallbackPermissions.Questionnaires]),
        new("Nav.Callbacks", "Nav.CallbackReports", "/Callbacks/Reports", "bar-chart", [Callbacks.CallbackPermissions.Reports]),
        new("Nav.CallCentre", "Nav.CallDesk", "/Calls", "headset", [Calls.CallPermissions.Desk]),
        new("Nav.CallCentre", "Nav.CallLines", "/Calls/Lines", "diagram", [Calls.CallPermissions.Lines]),
        new("Nav.CallCentre", "Nav.Knowledge", "/Knowledge", "book", [Knowledge.KnowledgePermissions.Read]),
        new("Nav.Admin", "Nav.Stores", "/Admin/Stores", "shop", [AdminPermissions.Stores]),
        new("Nav.Admin", "Nav.Departments", "/Admin/Departments", "diagram", [AdminPermissions.Departments]),
        new("Nav.Admin", "Nav.Users", "/Admin/Users", "people", [AdminPermissions.Users, AdminPermissions.AssignRoles]),
        new("Nav.Admin", "Nav.Roles", "/Admin/Permissions", "shield", [AdminPermissions.RolePermissions]),
        new("Nav.Admin", "Nav.Settings", "/Admin/Settings", "sliders", [AdminPermissions.Settings]),
        new("Nav.Admin", "Nav.Calendar", "/Admin/Calendar", "calendar", [AdminPermissions.Settings]),
        new("Nav.Audit", "Nav.AuditLog", "/Audit", "journal", [AuditPermissions.Read]),
        new("Nav.Help", "Nav.Guide", "/Help", "question", []),
        new("Nav.Help", "Nav.ApiDocs", "/ApiDocs", "code", []),
    ];

    public async Task<IReadOnlyList<IGrouping<string, NavItem>>> NavigationAsync()
    {
        var perms = await user.PermissionsAsync();
        return Navigation.Where(n => n.AnyOf.Length == 0 || n.AnyOf.Any(p => perms.Contains(p.Name))).GroupBy(n => n.Group).ToList();
    }

    /// <summary>The number beside an entry: the callbacks that want calling today, the unread notices.</summary>
    public async Task<int?> BadgeAsync(NavItem item) => item.Url switch
    {
        "/Callbacks" => (await services.GetRequiredService<Callbacks.CallbackDesk>().CountsAsync()).Today,
        "/Notifications" => user.Id is { } id ? await services.GetRequiredService<Kernel.Notifications.Notifier>().UnreadAsync(id) : null,
        _ => null,
    };

    public sealed record StoreOption(int Id, string Name);

    /// <summary>Stores the user may switch to: their own, or every active store for group-wide roles.</summary>
    public async Task<IReadOnlyList<StoreOption>> StoresAsync()
    {
        var groupWide = await access.ScopeOfAsync(user.Principal) == DataScope.Group;
        var mine = user.StoreIds;
        return await db.Stores.AsNoTracking().Where(s => s.IsActive && (groupWide || mine.Contains(s.Id)))
            .OrderBy(s => s.Code).Select(s => new StoreOption(s.Id, s.Name)).ToListAsync();
    }

    public int? CurrentStoreId => scope.CurrentStoreId;
}
