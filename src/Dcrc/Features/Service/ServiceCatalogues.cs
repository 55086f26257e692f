using Dcrc.Kernel.Access;

namespace Dcrc.Features.Service;

[PermissionSet]
public static class ServicePermissions
{
    /// <summary>The maintenance plans and the vehicles' forecasts.</summary>
    public static readonly Permission Read = new("service.read", Roles.GroupManager, Roles.GeneralManager, Roles.CrManager, Roles.CallbackSpecialist,
        Roles.ServiceManager, Roles.ServiceAdvisor, Roles.Marketing);
    /// <summary>Working the maintenance list: setting a vehicle's status after a call (the DCRC and the service side).</summary>
    public static readonly Permission Remind = new("service.remind", Roles.CrManager, Roles.CallbackSpecialist, Roles.ServiceManager, Roles.ServiceAdvisor);
    /// <summary>Keeping the maintenance plans (the service manager).</summary>
    public static readonly Permission Plans = new("service.plans", Roles.ServiceManager);
}

[Kernel.Audit.AuditActionSet]
public static class ServiceAuditActions
{
    public const string PlanSaved = "service.plan_saved";
    public const string PlanDeleted = "service.plan_deleted";
    public const string ListExported = "service.list_exported";
}
