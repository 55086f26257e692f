using Dcrc.Kernel.Settings;

namespace Dcrc.Features.Customers.Cards;

/// <summary>
/// The maintenance interval (SPEC §8: 5,000 km / 6 months unless a model says otherwise). The archive's card derives
/// the next maintenance from it; the service-retention forecast reads the same settings from here.
/// </summary>
[SettingsGroup]
public static class MaintenanceSettings
{
    public static readonly IntSetting MaintenanceIntervalKm = new("reminders.maintenanceIntervalKm", 5000, 500, 100000, SettingUnit.Kilometres);
    public static readonly IntSetting MaintenanceIntervalMonths = new("reminders.maintenanceIntervalMonths", 6, 1, 36, SettingUnit.Months);
}
