using Dcrc.Kernel.Settings;

namespace Dcrc.Features.Reminders;

/// <summary>Maintenance forecast defaults (SPEC §8: 5,000 km / 6 months unless a model says otherwise).</summary>
[SettingsGroup]
public static class ReminderSettings
{
    public static readonly IntSetting MaintenanceIntervalKm = new("reminders.maintenanceIntervalKm", 5000, 500, 100000, SettingUnit.Kilometres);
    public static readonly IntSetting MaintenanceIntervalMonths = new("reminders.maintenanceIntervalMonths", 6, 1, 36, SettingUnit.Months);
}
