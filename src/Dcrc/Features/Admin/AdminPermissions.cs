using Dcrc.Kernel.Access;

namespace Dcrc.Features.Admin;

/// <summary>
/// 三员分立: the system administrator runs stores, departments, users and settings; the security
/// administrator decides who holds which role and what each role may do. Neither reads the audit log.
/// Account control stays with its administrator (Exclusive); stores, departments and settings may also be
/// granted to business roles (a CR manager owning the callback time limits), never to another administrator.
/// </summary>
[PermissionSet]
public static class AdminPermissions
{
    public static readonly Permission Stores = new("stores.manage", Roles.SystemAdmin);
    public static readonly Permission Departments = new("departments.manage", Roles.SystemAdmin);
    public static readonly Permission Users = new("users.manage", Roles.SystemAdmin) { Exclusive = true };
    public static readonly Permission AssignRoles = new("users.assign_roles", Roles.SecurityAdmin) { Exclusive = true };
    public static readonly Permission RolePermissions = new("roles.manage", Roles.SecurityAdmin) { Exclusive = true };
    public static readonly Permission Settings = new("settings.manage", Roles.SystemAdmin);
}
