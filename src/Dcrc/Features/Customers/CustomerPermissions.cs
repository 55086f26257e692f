using Dcrc.Kernel.Access;

namespace Dcrc.Features.Customers;

/// <summary>Access to the customer archive (SPEC §1–2; 000 规范 四, 001 六).</summary>
[PermissionSet]
public static class CustomerPermissions
{
    public static readonly Permission Read = new("customers.read", Roles.GroupManager, Roles.GeneralManager, Roles.CrManager, Roles.CallbackSpecialist,
        Roles.ReceptionSpecialist, Roles.SalesManager, Roles.SalesConsultant, Roles.ServiceManager, Roles.ServiceAdvisor, Roles.Marketing);
    public static readonly Permission Write = new("customers.write", Roles.CrManager, Roles.CallbackSpecialist, Roles.ReceptionSpecialist,
        Roles.SalesManager, Roles.SalesConsultant, Roles.ServiceManager, Roles.ServiceAdvisor);
    /// <summary>Approving a new archive: a supervisor or department head (000 三.2).</summary>
    public static readonly Permission Approve = new("customers.approve", Roles.GeneralManager, Roles.CrManager, Roles.SalesManager, Roles.ServiceManager);
    /// <summary>Seeing mobile and ID numbers in full; every unmasking is audited.</summary>
    public static readonly Permission Unmask = new("customers.unmask", Roles.GroupManager, Roles.GeneralManager, Roles.CrManager);
    /// <summary>Bulk import from .xlsx/.csv (all or nothing).</summary>
    public static readonly Permission Import = new("customers.import", Roles.GeneralManager, Roles.CrManager);
    /// <summary>Exporting lists to .xlsx (masked as on screen; the file names its exporter; audited).</summary>
    public static readonly Permission Export = new("customers.export", Roles.GroupManager, Roles.GeneralManager, Roles.CrManager, Roles.Marketing);
    /// <summary>Revealing a vehicle's key code and audio code (钥匙密码/音响密码, 000 经销商与CRC的联络 二); every reveal is audited.</summary>
    public static readonly Permission VehicleCodes = new("vehicles.codes", Roles.GeneralManager, Roles.CrManager, Roles.ServiceManager);
    /// <summary>Merging two archives of one customer into one (history kept, the merge recorded).</summary>
    public static readonly Permission Merge = new("customers.merge", Roles.GeneralManager, Roles.CrManager);
    /// <summary>Class A archives in full: marketing-manager level and above (001 六.3).</summary>
    public static readonly Permission ClassA = new("customers.class_a", Roles.GroupManager, Roles.GeneralManager, Roles.CrManager, Roles.SalesManager, Roles.ServiceManager);
}
