using Dcrc.Features.Callbacks;
using Dcrc.Features.Callbacks.Reports;
using Dcrc.Features.Calls;
using Dcrc.Features.Complaints;
using Dcrc.Features.Customers;
using Dcrc.Features.Customers.Filing;
using Dcrc.Features.Leads;
using static Dcrc.Features.Help.HelpParagraph;

namespace Dcrc.Features.Help;

/// <summary>A page's section of the guide: what the page is for, and where it is (null: reached from another page).</summary>
public sealed record HelpSection(string Key, string TitleKey, string? Url, IReadOnlyList<HelpParagraph> Text);

/// <summary>
/// The guide's page sections and which page opens which: the header's help link sends the page's path, and the
/// longest prefix of it in <see cref="Table"/> (whole path segments, any case) names the section. "/" is the home
/// page only. A path with no section falls back to the role guide.
/// </summary>
public static class HelpPages
{
    public static readonly IReadOnlyList<(string Prefix, string Section)> Table =
    [
        ("/", "home"),
        ("/Notifications", "notifications"),
        ("/Customers", "customers"),
        ("/Customers/Due", "due"),
        ("/Customers/Import", "import"),
        ("/Customers/Filing/Handovers", "handovers"),
        ("/Customers/Filing/Checks", "checks"),
        ("/Vehicles", "vehicles"),
        ("/Callbacks", "callbacks"),
        ("/Callbacks/Reports", "callbackReports"),
        ("/Callbacks/Questionnaires", "questionnaires"),
        ("/Complaints", "complaints"),
        ("/Complaints/New", "complaintNew"),
        ("/Complaints/Statistics", "complaintStatistics"),
        ("/Leads", "leads"),
        ("/Leads/Day", "leadDay"),
        ("/Leads/Visit", "leadVisit"),
        ("/Leads/Pool", "leadPool"),
        ("/Leads/Batches", "leadBatches"),
        ("/Leads/Reports", "leadReports"),
        ("/Service/Due", "maintenanceDue"),
        ("/Service/Plans", "servicePlans"),
        ("/Calls", "calls"),
        ("/Calls/Lines", "lines"),
        ("/Knowledge", "knowledge"),
        ("/Admin/Stores", "stores"),
        ("/Admin/Departments", "departments"),
        ("/Admin/Users", "users"),
        ("/Admin/Permissions", "permissions"),
        ("/Admin/Settings", "settings"),
        ("/Admin/Calendar", "calendar"),
        ("/Audit", "audit"),
        ("/Account/ChangePassword", "password"),
        ("/ApiDocs", "api"),
    ];

    private static HelpSection S(string key, string title, string? url, int paragraphs = 1, params HelpValue[][] values) =>
        new(key, title, url, [.. Enumerable.Range(1, paragraphs).Select(i => new HelpParagraph($"Help.Page.{key}.{i}", i <= values.Length ? values[i - 1] : []))]);

    public static readonly IReadOnlyList<HelpSection> Sections =
    [
        S("home", "Nav.Home", "/"),
        S("notifications", "Nav.Notifications", "/Notifications"),
        S("customers", "Nav.Customers", "/Customers", 2, [], [V(ArchiveSettings.DocumentMaxMegabytes)]),
        S("due", "Nav.Due", "/Customers/Due", 1, [V(ArchiveSettings.ClassACallDays), V(ArchiveSettings.ClassAVisitMonths), V(ArchiveSettings.ClassBCallDays),
            V(ArchiveSettings.ClassBVisitMonths), V(ArchiveSettings.ClassCCallDays), V(ArchiveSettings.ClassCVisitMonths)]),
        S("import", "Nav.Import", "/Customers/Import"),
        S("handovers", "Nav.Handovers", "/Customers/Filing/Handovers", 1, [V(ArchiveSettings.SalesHandoverDays), V(ArchiveSettings.ServiceHandoverDays), C(DocumentHandovers.ReceivedDays)]),
        S("checks", "Nav.ArchiveChecks", "/Customers/Filing/Checks", 1, [N(ArchiveSettings.AuditSampleSales), N(ArchiveSettings.AuditSampleService), C(AuditWeek.RecentDays)]),
        S("vehicles", "Help.Page.vehicles.Title", null),
        S("callbacks", "Nav.CallbackQueue", "/Callbacks", 2, [], [N(CallbackSettings.FailedAttemptsBeforeSms), N(CallbackSettings.SurveyExpiryDays),
            V(CallbackSettings.CompletelySatisfiedFrom), V(CallbackSettings.BasicallySatisfiedFrom)]),
        S("callbackReports", "Nav.CallbackReports", "/Callbacks/Reports", 1, [V(CallbackSettings.CompletelySatisfiedFrom), V(CallbackSettings.BasicallySatisfiedFrom), C(ReportFilters.DefaultDays)]),
        S("questionnaires", "Nav.Questionnaires", "/Callbacks/Questionnaires"),
        S("complaints", "Nav.Complaints", "/Complaints", 2, [], [V(ComplaintSettings.DispatchMinutes), V(ComplaintSettings.ProposalHours),
            V(ComplaintSettings.ResultHours), V(ComplaintSettings.FollowUpDays), V(ComplaintSettings.SatisfactionCallbackDays), V(ComplaintSettings.GmApprovalAmount)]),
        S("complaintNew", "Complaints.New", "/Complaints/New", 1, [V(ComplaintSettings.DispatchMinutes)]),
        S("complaintStatistics", "Nav.ComplaintStatistics", "/Complaints/Statistics"),
        S("leads", "Nav.Leads", "/Leads", 2, [V(LeadSettings.FirstContactMinutes), V(LeadSettings.OemFeedbackHours), V(LeadSettings.CrManagerAfterMinutes)],
            [N(LeadSettings.UnreachableAfterFailures)]),
        S("leadDay", "Nav.LeadDay", "/Leads/Day", 1, [N(LeadSettings.DailyIntentFollowUps)]),
        S("leadVisit", "Nav.LeadVisit", "/Leads/Visit", 1, [V(LeadSettings.VisitCallbackHours)]),
        S("leadPool", "Nav.LeadPool", "/Leads/Pool", 1, [V(LeadSettings.PoolAfterDays), N(LeadSettings.PoolClaimsPerDay)]),
        S("leadBatches", "Nav.LeadBatches", "/Leads/Batches", 1, [V(LeadSettings.OemFeedbackHours)]),
        S("leadReports", "Nav.LeadReports", "/Leads/Reports"),
        S("maintenanceDue", "Nav.MaintenanceDue", "/Service/Due"),
        S("servicePlans", "Nav.ServicePlans", "/Service/Plans", 1, [V(Service.ServiceSettings.FirstMaintenanceKm), V(Service.ServiceSettings.FirstMaintenanceMonths),
            V(Service.ServiceSettings.MaintenanceIntervalKm), V(Service.ServiceSettings.MaintenanceIntervalMonths), V(Service.ServiceSettings.DefaultKmPerDay),
            V(Service.ServiceSettings.ForecastMinDays), V(Service.ServiceSettings.ForecastWindowDays), V(Service.ServiceSettings.ImplausibleKmPerDay)]),
        S("calls", "Nav.CallDesk", "/Calls", 2, [], [V(CallSettings.CallbackOwedHours), V(CallSettings.MissedCallHours)]),
        S("lines", "Nav.CallLines", "/Calls/Lines"),
        S("knowledge", "Nav.Knowledge", "/Knowledge"),
        S("stores", "Nav.Stores", "/Admin/Stores"),
        S("departments", "Nav.Departments", "/Admin/Departments"),
        S("users", "Nav.Users", "/Admin/Users"),
        S("permissions", "Nav.Roles", "/Admin/Permissions"),
        S("settings", "Nav.Settings", "/Admin/Settings"),
        S("calendar", "Nav.Calendar", "/Admin/Calendar"),
        S("audit", "Nav.AuditLog", "/Audit"),
        S("password", "Nav.ChangePassword", "/Account/ChangePassword"),
        S("api", "Nav.ApiDocs", "/ApiDocs"),
    ];

    public static HelpSection? Find(string? key) => Sections.FirstOrDefault(s => s.Key == key);

    /// <summary>The section of the page at <paramref name="path"/> (a local path, query and fragment ignored), or null.</summary>
    public static string? SectionOf(string? path)
    {
        if (LocalPath(path) is not { } p) return null;
        p = p.Split('?', '#')[0].TrimEnd('/');
        if (p.Length == 0) return "home";
        return Table.Where(t => t.Prefix != "/" && (p.Equals(t.Prefix, StringComparison.OrdinalIgnoreCase)
                || p.StartsWith(t.Prefix + "/", StringComparison.OrdinalIgnoreCase)))
            .OrderByDescending(t => t.Prefix.Length).Select(t => t.Section).FirstOrDefault();
    }

    /// <summary>The path when it is one of this site's ("/…", never "//host" or "/\host"), else null: it is shown as a link back.</summary>
    public static string? LocalPath(string? path) =>
        path is { Length: > 0 and <= 300 } p && p[0] == '/' && (p.Length == 1 || p[1] is not ('/' or '\\')) && !p.Any(char.IsControl) ? p : null;
}
