using Dcrc.Kernel.Settings;

namespace Dcrc.Features.Service;

/// <summary>
/// The store's maintenance plan where no plan names the vehicle's series or model (SPEC §8: 5,000 km / 6 months for
/// the first maintenance and then the regular one), and the forecast's pace rules. The keys keep the "reminders." of
/// the settings that existed before the service feature.
/// </summary>
[SettingsGroup]
public static class ServiceSettings
{
    public static readonly IntSetting FirstMaintenanceKm = new("reminders.firstMaintenanceKm", 5000, 500, 100000, SettingUnit.Kilometres);
    public static readonly IntSetting FirstMaintenanceMonths = new("reminders.firstMaintenanceMonths", 6, 1, 36, SettingUnit.Months);
    public static readonly IntSetting MaintenanceIntervalKm = new("reminders.maintenanceIntervalKm", 5000, 500, 100000, SettingUnit.Kilometres);
    public static readonly IntSetting MaintenanceIntervalMonths = new("reminders.maintenanceIntervalMonths", 6, 1, 36, SettingUnit.Months);
    /// <summary>The pace of a vehicle with too little history (about 14,600 km a year).</summary>
    public static readonly IntSetting DefaultKmPerDay = new("reminders.defaultKmPerDay", 40, 1, 1000, SettingUnit.Kilometres);
    /// <summary>The shortest span of readings the pace is taken from.</summary>
    public static readonly IntSetting ForecastMinDays = new("reminders.forecastMinDays", 30, 1, 365, SettingUnit.CalendarDays);
    /// <summary>How far back from the newest reading the pace looks.</summary>
    public static readonly IntSetting ForecastWindowDays = new("reminders.forecastWindowDays", 730, 90, 3650, SettingUnit.CalendarDays);
    /// <summary>More than this many km a day between two readings, and the later one is taken for a typing error.</summary>
    public static readonly IntSetting ImplausibleKmPerDay = new("reminders.implausibleKmPerDay", 1000, 100, 5000, SettingUnit.Kilometres);
}
