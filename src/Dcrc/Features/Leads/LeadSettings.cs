using Dcrc.Kernel.Settings;

namespace Dcrc.Features.Leads;

/// <summary>Prospect follow-up (seed 000 潜在客户的管理, 004 §2.2).</summary>
[SettingsGroup]
public static class LeadSettings
{
    public static readonly IntSetting OemFeedbackHours = new("leads.oemFeedbackHours", 24, 1, 240, SettingUnit.Hours);
    public static readonly IntSetting DailyIntentFollowUps = new("leads.dailyIntentFollowUps", 3, 0, 100, SettingUnit.Count);
    public static readonly IntSetting UnreachableAfterFailures = new("leads.unreachableAfterFailures", 3, 1, 20, SettingUnit.Count);
    public static readonly IntSetting DeliveryFirstReminderHours = new("leads.deliveryFirstReminderHours", 72, 1, 720, SettingUnit.Hours);
    public static readonly IntSetting DeliverySecondReminderHours = new("leads.deliverySecondReminderHours", 24, 1, 720, SettingUnit.Hours);
}
