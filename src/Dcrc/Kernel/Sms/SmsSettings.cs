using Dcrc.Kernel.Access;
using Dcrc.Kernel.Audit;
using Dcrc.Kernel.Settings;

namespace Dcrc.Kernel.Sms;

/// <summary>The SMS outbox's numbers. The outbox works across stores, so it reads the group's values.</summary>
[SettingsGroup]
public static class SmsSettings
{
    public static readonly IntSetting OutboxPeriodMinutes = new("sms.outboxPeriodMinutes", 1, 1, 60, SettingUnit.Minutes);
    public static readonly IntSetting BatchSize = new("sms.batchSize", 20, 1, 500, SettingUnit.Count);
    /// <summary>The wait after the first transient failure; it doubles after each further one.</summary>
    public static readonly IntSetting RetryFirstDelayMinutes = new("sms.retryFirstDelayMinutes", 1, 1, 120, SettingUnit.Minutes);
    public static readonly IntSetting MaxAttempts = new("sms.maxAttempts", 6, 1, 20, SettingUnit.Count);
    /// <summary>A reply answers the latest message sent to its mobile within this many days.</summary>
    public static readonly IntSetting ReplyMatchDays = new("sms.replyMatchDays", 7, 1, 60, SettingUnit.Days);
}

/// <summary>The SMS log and consents (SPEC §8 短信平台, §13).</summary>
[PermissionSet]
public static class SmsPermissions
{
    /// <summary>Reading the send log and the replies (表13): the CR department and its managers.</summary>
    public static readonly Permission Read = new("sms.read", Roles.GroupManager, Roles.GeneralManager, Roles.CrManager, Roles.CallbackSpecialist);
    /// <summary>Recording a customer's consent or opt-out, with its reason.</summary>
    public static readonly Permission Preferences = new("sms.preferences", Roles.GeneralManager, Roles.CrManager, Roles.CallbackSpecialist);
}

[AuditActionSet]
public static class SmsAuditActions
{
    public const string ReadLog = "sms.read";
    public const string ReadPreferences = "sms.read_preferences";
    public const string Preference = "sms.preference";
}
