using Dcrc.Kernel.Access;
using Dcrc.Kernel.Settings;

namespace Dcrc.Features.Leads;

/// <summary>
/// Prospect follow-up (seed 000 潜在客户的管理, 004 §2.2). The OEM's feedback limit is clock hours (the OEM's 24 hours run
/// day and night, weekend and holiday alike); the first contact of a lead of the store's own is working minutes of the
/// store's calendar; the follow-up cadence is calendar days per intent level, due at the close of that day's work.
/// </summary>
[SettingsGroup]
public static class LeadSettings
{
    public static readonly IntSetting OemFeedbackHours = new("leads.oemFeedbackHours", 24, 1, 240, SettingUnit.ClockHours);
    public static readonly IntSetting FirstContactMinutes = new("leads.firstContactMinutes", 120, 5, 2880, SettingUnit.WorkingMinutes);
    /// <summary>After a breach told to the sales manager, this long later the CR manager hears of it too.</summary>
    public static readonly IntSetting CrManagerAfterMinutes = new("leads.crManagerAfterMinutes", 240, 0, 10_080, SettingUnit.WorkingMinutes);
    public static readonly IntSetting DailyIntentFollowUps = new("leads.dailyIntentFollowUps", 3, 0, 100, SettingUnit.Count);
    public static readonly IntSetting UnreachableAfterFailures = new("leads.unreachableAfterFailures", 3, 1, 20, SettingUnit.Count);
    /// <summary>Intent levels in order, hottest first, each with the days to its next follow-up: <c>H:1,A:3,B:7,C:15</c>.</summary>
    public static readonly TextSetting IntentLevels = new("leads.intentLevels", "H:1,A:3,B:7,C:15", 100) { Rule = (LeadRules.IsValidLevels, "Validation.IntentLevels") };
    /// <summary>The time slots a failed call is retried in (morning, afternoon, evening): <c>08:00-12:00,12:00-18:00,18:00-22:00</c>.</summary>
    public static readonly TextSetting TimeSlots = new("leads.timeSlots", "08:00-12:00,12:00-18:00,18:00-22:00", 100) { Rule = (LeadRules.IsValidSlots, "Validation.TimeSlots") };
    /// <summary>A lead whose follow-up is this many days overdue returns to the store's pool.</summary>
    public static readonly IntSetting PoolAfterDays = new("leads.poolAfterDays", 3, 1, 90, SettingUnit.CalendarDays);
    public static readonly IntSetting PoolClaimsPerDay = new("leads.poolClaimsPerDay", 5, 1, 100, SettingUnit.Count);
    /// <summary>1: a new lead without a consultant goes round the store's active consultants.</summary>
    public static readonly IntSetting AutoAssign = new("leads.autoAssign", 0, 0, 1);
    /// <summary>Seed 004 §3.3.1: the DCRC calls a visitor within 48 hours of leaving the showroom (clock hours).</summary>
    public static readonly IntSetting VisitCallbackHours = new("leads.visitCallbackHours", 48, 1, 240, SettingUnit.ClockHours);
    /// <summary>Seed 004 §2 (顾客接待): the thank-you SMS after the visitor leaves. {0} the visitor's name, {1} the store, {2} the consultant.</summary>
    public static readonly TextSetting VisitThanksSms = new("leads.visitThanksSms", "{0}您好，感谢您今天光临{1}！您的销售顾问{2}将竭诚为您服务，如有任何问题欢迎随时联系。", 300, Multiline: true);
    /// <summary>Seed 004 §2 (新车交付): the customer is reminded 72 and 24 hours before the planned delivery (clock hours).</summary>
    public static readonly IntSetting DeliveryFirstReminderHours = new("leads.deliveryFirstReminderHours", 72, 1, 720, SettingUnit.ClockHours);
    public static readonly IntSetting DeliverySecondReminderHours = new("leads.deliverySecondReminderHours", 24, 1, 720, SettingUnit.ClockHours);
    /// <summary>The reminder: {0} the customer's name, {1} the planned time (store time), {2} the store, {3} the consultant.</summary>
    public static readonly TextSetting DeliveryReminderSms = new("leads.deliveryReminderSms",
        "{0}您好，您的新车计划于{1}在{2}交付，请提前准备好身份证件和购车款项，如需调整请联系您的销售顾问{3}。", 300, Multiline: true);
}

[PermissionSet]
public static class LeadPermissions
{
    /// <summary>Leads as the role reaches them: consultants their own and the pool, the sales manager the department, DCRC and GM the store.</summary>
    public static readonly Permission Read = new("leads.read", Roles.GroupManager, Roles.GeneralManager, Roles.CrManager, Roles.CallbackSpecialist,
        Roles.ReceptionSpecialist, Roles.SalesManager, Roles.SalesConsultant, Roles.Marketing);
    /// <summary>Recording a lead and a showroom visit.</summary>
    public static readonly Permission Create = new("leads.create", Roles.CrManager, Roles.CallbackSpecialist, Roles.ReceptionSpecialist, Roles.SalesManager, Roles.SalesConsultant);
    /// <summary>Giving a lead to a consultant (or another one).</summary>
    public static readonly Permission Assign = new("leads.assign", Roles.GeneralManager, Roles.CrManager, Roles.ReceptionSpecialist, Roles.SalesManager);
    /// <summary>Following up: attempts, claiming from the pool, declaring lost, converting.</summary>
    public static readonly Permission Follow = new("leads.follow", Roles.SalesManager, Roles.SalesConsultant);
    /// <summary>Approving or refusing a lost lead (战败审批).</summary>
    public static readonly Permission ApproveLost = new("leads.approve_lost", Roles.GeneralManager, Roles.SalesManager);
    /// <summary>OEM batches: import, the list and the feedback export.</summary>
    public static readonly Permission Oem = new("leads.oem", Roles.CrManager, Roles.CallbackSpecialist, Roles.SalesManager);
    /// <summary>Recording the OEM's own verdicts: its check of the dealer's feedback and its taking a lead back — not the sales side, whose feedback it grades.</summary>
    public static readonly Permission OemCheck = new("leads.oem_check", Roles.CrManager);
    public static readonly Permission Reports = new("leads.reports", Roles.GroupManager, Roles.GeneralManager, Roles.CrManager, Roles.SalesManager, Roles.Marketing);
}

[Kernel.Audit.AuditActionSet]
public static class LeadAuditActions
{
    public const string Created = "leads.created";
    public const string Changed = "leads.changed";
    public const string Read = "leads.read";
    public const string Imported = "leads.imported";
    public const string Exported = "leads.exported";
    public const string Unmask = "leads.unmask";
}
