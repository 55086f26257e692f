using Dcrc.Kernel.Access;

namespace Dcrc.Features.Audit;

[PermissionSet]
public static class AuditPermissions
{
    /// <summary>Only the audit administrator reads the log; nobody can change it.</summary>
    public static readonly Permission Read = new("audit.read", Roles.AuditAdmin) { Exclusive = true };
}
