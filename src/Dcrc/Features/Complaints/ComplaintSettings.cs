using Dcrc.Kernel.Settings;

namespace Dcrc.Features.Complaints;

/// <summary>
/// Complaint time limits (seeds 000, 001 客户投诉处理方案, 002 §四), each in its own unit: dispatch within 30 working
/// minutes of receipt; solution within 24 and result within 48 clock hours of dispatch; follow-up by the close of
/// the 3rd working day after closing; the satisfaction callback within a week (7 calendar days) of closing.
/// </summary>
[SettingsGroup]
public static class ComplaintSettings
{
    public static readonly IntSetting DispatchMinutes = new("complaints.dispatchMinutes", 30, 1, 1440, SettingUnit.WorkingMinutes);
    public static readonly IntSetting ProposalHours = new("complaints.proposalHours", 24, 1, 720, SettingUnit.ClockHours);
    public static readonly IntSetting ResultHours = new("complaints.resultHours", 48, 1, 720, SettingUnit.ClockHours);
    public static readonly IntSetting FollowUpDays = new("complaints.followUpDays", 3, 1, 60, SettingUnit.WorkingDays);
    /// <summary>A solution with compensation above this needs the GM's approval besides the department manager's.</summary>
    public static readonly IntSetting GmApprovalAmount = new("complaints.gmApprovalAmount", 2000, 0, 10_000_000, SettingUnit.Yuan);
    public static readonly IntSetting SatisfactionCallbackDays = new("complaints.satisfactionCallbackDays", 7, 1, 60, SettingUnit.CalendarDays);
}
