using Dcrc.Kernel.Settings;

namespace Dcrc.Features.Customers;

/// <summary>Numbers of the archive manuals (seeds 000, 001, 002 §五, 002 表14).</summary>
[SettingsGroup]
public static class ArchiveSettings
{
    public static readonly TextSetting NumberRule = new("archive.numberRule", "{store}-{yyyyMM}-{seq:6}", 60)
    {
        Rule = (ArchiveNumber.IsValidRule, "Validation.ArchiveNumberRule"),
    };
    public static readonly IntSetting SalesHandoverDays = new("archive.salesHandoverDays", 5, 1, 30, SettingUnit.Days);
    public static readonly IntSetting ServiceHandoverDays = new("archive.serviceHandoverDays", 3, 1, 30, SettingUnit.Days);
    // Not built yet, so no setting: pending archive updates entered within 1 working day, 2 at most (001 七.2, SPEC §3:
    // "archive.updateDueWorkingDays" 1, "archive.updateLimitWorkingDays" 2) — they come back with the overdue-updates view.
    public static readonly IntSetting AuditSampleSales = new("archive.auditSampleSales", 10, 0, 500, SettingUnit.Count);
    public static readonly IntSetting AuditSampleService = new("archive.auditSampleService", 10, 0, 500, SettingUnit.Count);
    /// <summary>Largest document upload (PDF, JPEG or PNG).</summary>
    public static readonly IntSetting DocumentMaxMegabytes = new("archive.documentMaxMegabytes", 10, 1, 100, SettingUnit.Megabytes);
    // Not built yet, so no setting: the target class shares A/B/C 20/40/40 % (001 五; "archive.classAShare" 20,
    // "archive.classBShare" 40, "archive.classCShare" 40) — they come back with the class distribution report.
    public static readonly IntSetting ClassACallDays = new("archive.classACallDays", 7, 1, 365, SettingUnit.Days);
    public static readonly IntSetting ClassAVisitMonths = new("archive.classAVisitMonths", 2, 1, 24, SettingUnit.Months);
    public static readonly IntSetting ClassBCallDays = new("archive.classBCallDays", 7, 1, 365, SettingUnit.Days);
    public static readonly IntSetting ClassBVisitMonths = new("archive.classBVisitMonths", 3, 1, 24, SettingUnit.Months);
    public static readonly IntSetting ClassCCallDays = new("archive.classCCallDays", 14, 1, 365, SettingUnit.Days);
    public static readonly IntSetting ClassCVisitMonths = new("archive.classCVisitMonths", 4, 1, 24, SettingUnit.Months);
}
