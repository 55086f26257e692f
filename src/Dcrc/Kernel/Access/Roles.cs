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

    public sealed record Definition(string Name, DataScope Scope);

    public static readonly IReadOnlyList<Definition> All =
    [
        new(GroupManager, DataScope.Group),
        new(GeneralManager, DataScope.Store),
        new(CrManager, DataScope.Store),
        new(CallbackSpecialist, DataScope.Store),
        new(ReceptionSpecialist, DataScope.Store),
        new(SalesManager, DataScope.Department),
        new(SalesConsultant, DataScope.Own),
        new(ServiceManager, DataScope.Department),
        new(ServiceAdvisor, DataScope.Own),
        new(Marketing, DataScope.Store),
        new(SystemAdmin, DataScope.Group),
        new(SecurityAdmin, DataScope.Group),
        new(AuditAdmin, DataScope.Group),
    ];
}
