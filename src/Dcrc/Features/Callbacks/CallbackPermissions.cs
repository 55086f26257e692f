using Dcrc.Kernel.Access;

namespace Dcrc.Features.Callbacks;

/// <summary>Who works callbacks (SPEC §0, §5).</summary>
[PermissionSet]
public static class CallbackPermissions
{
    /// <summary>Editing the questionnaires: the CR manager (and the GM).</summary>
    public static readonly Permission Questionnaires = new("callbacks.questionnaires", Roles.GeneralManager, Roles.CrManager);
    /// <summary>The queue of one's own tasks: specialists, consultants/advisors for their day-1 thank-you calls, reception for the call-backs its calls owe.</summary>
    public static readonly Permission Work = new("callbacks.work", Roles.GeneralManager, Roles.CrManager, Roles.CallbackSpecialist,
        Roles.SalesConsultant, Roles.ServiceAdvisor, Roles.ReceptionSpecialist);
    /// <summary>The specialists' pool: see and take tasks nobody holds.</summary>
    public static readonly Permission Pool = new("callbacks.pool", Roles.GeneralManager, Roles.CrManager, Roles.CallbackSpecialist);
    /// <summary>Everyone's tasks: reassign and bulk-assign.</summary>
    public static readonly Permission Assign = new("callbacks.assign", Roles.GeneralManager, Roles.CrManager);
    /// <summary>The callback reports (daily report, 表3/4/7/8/13, trend).</summary>
    public static readonly Permission Reports = new("callbacks.reports", Roles.GroupManager, Roles.GeneralManager, Roles.CrManager,
        Roles.CallbackSpecialist, Roles.SalesManager, Roles.ServiceManager);
}
