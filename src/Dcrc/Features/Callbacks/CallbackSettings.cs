using Dcrc.Kernel.Settings;

namespace Dcrc.Features.Callbacks;

/// <summary>Callback schedule and outcomes (seeds 000, 002 §三, 003, 004 §3).</summary>
[SettingsGroup]
public static class CallbackSettings
{
    public static readonly IntSetting DeliveryThanksDay = new("callbacks.deliveryThanksDay", 1, 0, 30, SettingUnit.WorkingDays);
    public static readonly IntSetting OwnerConfirmationDay = new("callbacks.ownerConfirmationDay", 3, 0, 30, SettingUnit.WorkingDays);
    public static readonly IntSetting SalesSurveyFromDay = new("callbacks.salesSurveyFromDay", 7, 0, 60, SettingUnit.WorkingDays);
    public static readonly IntSetting SalesSurveyToDay = new("callbacks.salesSurveyToDay", 10, 0, 60, SettingUnit.WorkingDays);
    public static readonly IntSetting FirstMaintenanceCareWeek = new("callbacks.firstMaintenanceCareWeek", 3, 1, 12, SettingUnit.Weeks);
    public static readonly IntSetting ServiceSurveyFromDay = new("callbacks.serviceSurveyFromDay", 3, 0, 30, SettingUnit.WorkingDays);
    public static readonly IntSetting ServiceSurveyToDay = new("callbacks.serviceSurveyToDay", 7, 0, 30, SettingUnit.WorkingDays);
    // callbacks.complaintCallbackDays (7 days) was a second copy of complaints.satisfactionCallbackDays, which the
    // satisfaction callback after a closed complaint reads (ComplaintSettings.SatisfactionCallbackDays).
    // callbacks.showroomCallbackHours (seed 000 / SPEC §5: showroom visitors called back within 48 hours) comes back
    // with the prospects issue, which builds showroom visits.
    public static readonly IntSetting LostCustomerMonths = new("callbacks.lostCustomerMonths", 12, 1, 60, SettingUnit.Months);
    public static readonly IntSetting FailedAttemptsBeforeSms = new("callbacks.failedAttemptsBeforeSms", 4, 1, 20, SettingUnit.Count);
    public static readonly IntSetting SurveyExpiryDays = new("callbacks.surveyExpiryDays", 15, 1, 90, SettingUnit.WorkingDays);
    /// <summary>How far back the generation job looks for events; older events get no tasks (their window has long passed).</summary>
    public static readonly IntSetting GenerationLookbackDays = new("callbacks.generationLookbackDays", 30, 1, 365, SettingUnit.Days);
    /// <summary>The SMS survey of 002 §三 2 ({0}: the store's name).</summary>
    public static readonly TextSetting SmsTemplate = new("callbacks.smsTemplate",
        "尊敬的一汽丰田客户,您好!请问您对一汽丰田{0}提供的服务是否满意?请回复按照1-10分打分。感谢您的回复!", 300, Multiline: true);
    public static readonly IntSetting CompletelySatisfiedFrom = new("callbacks.completelySatisfiedFrom", 8, 0, 10, SettingUnit.Score);
    public static readonly IntSetting BasicallySatisfiedFrom = new("callbacks.basicallySatisfiedFrom", 6, 0, 10, SettingUnit.Score);
    /// <summary>
    /// Where the store has no telephony system to dial through: 1 lets whoever records a callback task see the
    /// customer's number in full on that task's screen while it is open, to dial by hand (each showing audited);
    /// 0 (default) never — the number stays masked and only click-to-dial calls it.
    /// </summary>
    public static readonly IntSetting HandDialShowsNumber = new("callbacks.handDialShowsNumber", 0, 0, 1);
}
