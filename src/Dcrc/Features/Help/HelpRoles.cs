using Dcrc.Features.Callbacks;
using Dcrc.Features.Calls;
using Dcrc.Features.Complaints;
using Dcrc.Features.Customers;
using Dcrc.Features.Customers.Cards;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Settings;
using static Dcrc.Features.Help.HelpParagraph;

namespace Dcrc.Features.Help;

/// <summary>
/// One role's guide: what the role does ("Help.Role.{Role}.Purpose"), its daily routine (one paragraph per step,
/// "Help.Role.{Role}.1", ".2"…, with the settings that fill them), the rules with the store's current values, whether
/// the store's working hours matter to it, and the page sections it works in.
/// </summary>
public sealed record RoleGuide(string Role, IReadOnlyList<HelpParagraph> Routine, IReadOnlyList<SettingDefinition> Rules, bool WorkWeek, IReadOnlyList<string> Pages);

public static class HelpRoles
{
    private static IReadOnlyList<HelpParagraph> Steps(string role, params HelpValue[][] values) =>
        [.. values.Select((v, i) => new HelpParagraph($"Help.Role.{role}.{i + 1}", v))];

    private static readonly SettingDefinition[] Surveys =
    [
        CallbackSettings.DeliveryThanksDay, CallbackSettings.OwnerConfirmationDay, CallbackSettings.SalesSurveyFromDay, CallbackSettings.SalesSurveyToDay,
        CallbackSettings.FirstMaintenanceCareWeek, CallbackSettings.ServiceSurveyFromDay, CallbackSettings.ServiceSurveyToDay, CallbackSettings.LostCustomerMonths,
        CallbackSettings.FailedAttemptsBeforeSms, CallbackSettings.SurveyExpiryDays,
    ];

    private static readonly SettingDefinition[] Bands = [CallbackSettings.CompletelySatisfiedFrom, CallbackSettings.BasicallySatisfiedFrom];

    private static readonly SettingDefinition[] ComplaintLimits =
    [
        ComplaintSettings.DispatchMinutes, ComplaintSettings.ProposalHours, ComplaintSettings.ResultHours, ComplaintSettings.FollowUpDays,
        ComplaintSettings.SatisfactionCallbackDays, ComplaintSettings.GmApprovalAmount,
    ];

    private static readonly SettingDefinition[] CallBacks = [CallSettings.CallbackOwedHours, CallSettings.MissedCallHours];

    private static readonly SettingDefinition[] Cadence =
    [
        ArchiveSettings.ClassACallDays, ArchiveSettings.ClassAVisitMonths, ArchiveSettings.ClassBCallDays, ArchiveSettings.ClassBVisitMonths,
        ArchiveSettings.ClassCCallDays, ArchiveSettings.ClassCVisitMonths,
    ];

    private static readonly SettingDefinition[] Filing =
        [ArchiveSettings.SalesHandoverDays, ArchiveSettings.ServiceHandoverDays, ArchiveSettings.AuditSampleSales, ArchiveSettings.AuditSampleService];

    private static readonly SettingDefinition[] DepartmentLimits = [ComplaintSettings.ProposalHours, ComplaintSettings.ResultHours, ComplaintSettings.GmApprovalAmount];

    public static readonly IReadOnlyList<RoleGuide> All =
    [
        new(Roles.CallbackSpecialist, Steps(Roles.CallbackSpecialist,
                [],
                [N(CallbackSettings.DeliveryThanksDay), N(CallbackSettings.OwnerConfirmationDay), N(CallbackSettings.SalesSurveyFromDay), N(CallbackSettings.SalesSurveyToDay),
                    N(CallbackSettings.FirstMaintenanceCareWeek), N(CallbackSettings.ServiceSurveyFromDay), N(CallbackSettings.ServiceSurveyToDay), V(CallbackSettings.LostCustomerMonths)],
                [],
                [],
                [N(CallbackSettings.FailedAttemptsBeforeSms), N(CallbackSettings.SurveyExpiryDays)],
                [V(CallbackSettings.CompletelySatisfiedFrom), V(CallbackSettings.BasicallySatisfiedFrom)],
                [V(CallSettings.CallbackOwedHours), V(CallSettings.MissedCallHours)],
                [V(ArchiveSettings.SalesHandoverDays), V(ArchiveSettings.ServiceHandoverDays), N(ArchiveSettings.AuditSampleSales), N(ArchiveSettings.AuditSampleService)],
                []),
            [.. Surveys, .. Bands, .. CallBacks, .. Filing, ComplaintSettings.DispatchMinutes], true,
            ["callbacks", "callbackReports", "calls", "complaintNew", "complaints", "handovers", "checks", "knowledge", "customers"]),
        new(Roles.ReceptionSpecialist, Steps(Roles.ReceptionSpecialist,
                [],
                [],
                [],
                [V(CallSettings.CallbackOwedHours), V(CallSettings.MissedCallHours)],
                [],
                [V(ComplaintSettings.DispatchMinutes)],
                [V(ComplaintSettings.ProposalHours), V(ComplaintSettings.ResultHours), V(ComplaintSettings.GmApprovalAmount), V(ComplaintSettings.FollowUpDays)],
                []),
            [.. CallBacks, .. ComplaintLimits], true,
            ["calls", "complaintNew", "complaints", "callbacks", "notifications", "customers", "knowledge"]),
        new(Roles.CrManager, Steps(Roles.CrManager,
                [],
                [],
                [],
                [V(ComplaintSettings.DispatchMinutes), V(ComplaintSettings.ProposalHours), V(ComplaintSettings.ResultHours), V(ComplaintSettings.FollowUpDays),
                    V(ComplaintSettings.SatisfactionCallbackDays)],
                [V(CallbackSettings.CompletelySatisfiedFrom), V(CallbackSettings.BasicallySatisfiedFrom)],
                [],
                []),
            [.. ComplaintLimits, .. Surveys, .. Bands, .. CallBacks, .. Filing, .. Cadence], true,
            ["notifications", "callbacks", "complaints", "complaintStatistics", "callbackReports", "questionnaires", "knowledge", "lines", "customers", "import", "due", "handovers", "checks"]),
        new(Roles.GeneralManager, Steps(Roles.GeneralManager,
                [],
                [V(ComplaintSettings.GmApprovalAmount)],
                [V(CallbackSettings.CompletelySatisfiedFrom), V(CallbackSettings.BasicallySatisfiedFrom)],
                []),
            [.. ComplaintLimits, .. Bands, CallbackSettings.FailedAttemptsBeforeSms, CallbackSettings.SurveyExpiryDays], true,
            ["notifications", "complaints", "complaintStatistics", "callbackReports", "callbacks", "questionnaires", "knowledge", "customers"]),
        new(Roles.GroupManager, Steps(Roles.GroupManager,
                [],
                [V(CallbackSettings.CompletelySatisfiedFrom), V(CallbackSettings.BasicallySatisfiedFrom)],
                []),
            [.. Bands, .. ComplaintLimits], false,
            ["callbackReports", "complaintStatistics", "complaints", "customers"]),
        new(Roles.SalesManager, Steps(Roles.SalesManager,
                [V(ComplaintSettings.ProposalHours), V(ComplaintSettings.ResultHours), V(ComplaintSettings.GmApprovalAmount)],
                [],
                []),
            [.. DepartmentLimits, .. Bands, CallbackSettings.DeliveryThanksDay, ArchiveSettings.SalesHandoverDays], false,
            ["complaints", "notifications", "customers", "due", "callbackReports", "knowledge"]),
        new(Roles.ServiceManager, Steps(Roles.ServiceManager,
                [V(ComplaintSettings.ProposalHours), V(ComplaintSettings.ResultHours), V(ComplaintSettings.GmApprovalAmount)],
                [],
                []),
            [.. DepartmentLimits, .. Bands, CallbackSettings.ServiceSurveyFromDay, CallbackSettings.ServiceSurveyToDay, ArchiveSettings.ServiceHandoverDays], false,
            ["complaints", "notifications", "customers", "vehicles", "due", "callbackReports", "knowledge"]),
        new(Roles.SalesConsultant, Steps(Roles.SalesConsultant,
                [N(CallbackSettings.DeliveryThanksDay)],
                [],
                [V(ArchiveSettings.ClassACallDays), V(ArchiveSettings.ClassAVisitMonths)],
                [V(ArchiveSettings.SalesHandoverDays)],
                [V(ComplaintSettings.ProposalHours), V(ComplaintSettings.ResultHours)]),
            [CallbackSettings.DeliveryThanksDay, ComplaintSettings.ProposalHours, ComplaintSettings.ResultHours, ArchiveSettings.SalesHandoverDays, .. Cadence], false,
            ["customers", "callbacks", "due", "complaints", "notifications", "knowledge"]),
        new(Roles.ServiceAdvisor, Steps(Roles.ServiceAdvisor,
                [N(CallbackSettings.ServiceSurveyFromDay), N(CallbackSettings.ServiceSurveyToDay), V(Service.ServiceSettings.MaintenanceIntervalMonths), V(Service.ServiceSettings.MaintenanceIntervalKm)],
                [V(ArchiveSettings.ServiceHandoverDays)],
                [V(ArchiveSettings.ClassACallDays), V(ArchiveSettings.ClassAVisitMonths)],
                [V(ComplaintSettings.ProposalHours), V(ComplaintSettings.ResultHours)]),
            [CallbackSettings.ServiceSurveyFromDay, CallbackSettings.ServiceSurveyToDay, ComplaintSettings.ProposalHours, ComplaintSettings.ResultHours,
                ArchiveSettings.ServiceHandoverDays, Service.ServiceSettings.MaintenanceIntervalMonths, Service.ServiceSettings.MaintenanceIntervalKm, .. Cadence], false,
            ["customers", "vehicles", "due", "complaints", "callbacks", "notifications", "knowledge"]),
        new(Roles.Marketing, Steps(Roles.Marketing, [], []), [], false, ["customers"]),
        new(Roles.SystemAdmin, Steps(Roles.SystemAdmin, [], [], [], []), [], true, ["stores", "departments", "users", "settings", "calendar"]),
        new(Roles.SecurityAdmin, Steps(Roles.SecurityAdmin, [], [], []), [], false, ["users", "permissions"]),
        new(Roles.AuditAdmin, Steps(Roles.AuditAdmin, [], [], []), [], false, ["audit"]),
    ];

    public static RoleGuide? Find(string? role) => All.FirstOrDefault(g => string.Equals(g.Role, role, StringComparison.OrdinalIgnoreCase));
}
