namespace Dcrc.Kernel.Access;

/// <summary>The built-in roles of a dealer group (SPEC §0). Display names come from the resources ("Role.{Name}").</summary>
public static class Roles
{
    public const string GroupManager = "GroupManager";
    public const string GeneralManager = "GeneralManager";
    public const string CrManager = "CrManager";
    public const string CallbackSpecialist = "CallbackSpecialist";
    public const string ReceptionSpecialist = "ReceptionSpecialist";
    public const string SalesManager = "SalesManager";
    public const string SalesConsultant = "SalesConsultant";
    public const string ServiceManager = "ServiceManager";
    public const string ServiceAdvisor = "ServiceAdvisor";
    public const string Marketing = "Marketing";
    // 三员分立: three administrators, each unable to do the others' work.
    public const string SystemAdmin = "SystemAdmin";
    public const string SecurityAdmin = "SecurityAdmin";
    public const string AuditAdmin = "AuditAdmin";

    public static readonly IReadOnlySet<string> Administrators = new HashSet<string> { SystemAdmin, SecurityAdmin, AuditAdmin };

    public sealed record Definition(string Name, DataScope Scope, bool PerStore);

    public static readonly IReadOnlyList<Definition> All =
    [
        new(GroupManager, DataScope.Group, false),
        new(GeneralManager, DataScope.Store, true),
        new(CrManager, DataScope.Store, true),
        new(CallbackSpecialist, DataScope.Store, true),
        new(ReceptionSpecialist, DataScope.Store, true),
        new(SalesManager, DataScope.Department, true),
        new(SalesConsultant, DataScope.Own, true),
        new(ServiceManager, DataScope.Department, true),
        new(ServiceAdvisor, DataScope.Own, true),
        new(Marketing, DataScope.Store, true),
        new(SystemAdmin, DataScope.Group, false),
        new(SecurityAdmin, DataScope.Group, false),
        new(AuditAdmin, DataScope.Group, false),
    ];
}
