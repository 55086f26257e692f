using Dcrc.Kernel.Access;

namespace Dcrc.Features.Customers.Filing;

/// <summary>
/// DCRC's keeping of the paper archive (002 §五, 表14): receiving the departments' documents, following up
/// late hand-overs, and the weekly archive check.
/// </summary>
[PermissionSet]
public static class FilingPermissions
{
    /// <summary>Seeing the hand-overs and the weekly checks, and exporting them.</summary>
    public static readonly Permission Filing = new("customers.filing", Roles.GeneralManager, Roles.CrManager, Roles.CallbackSpecialist);
    /// <summary>DCRC's own work on them: receiving documents, drawing the week's sample, checking its lines.</summary>
    public static readonly Permission Record = new("customers.filing_record", Roles.CrManager, Roles.CallbackSpecialist);
}

[Kernel.Audit.AuditActionSet]
public static class FilingAuditActions
{
    public const string Received = "filing.received";
    public const string ExportHandovers = "filing.export_handovers";
    public const string Sample = "filing.sample";
    public const string Check = "filing.check";
    public const string ExportChecks = "filing.export_checks";
}
