using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;

namespace Dcrc.Kernel.Access;

/// <summary>A store (门店) of the dealer group. Every business record carries the store it belongs to.</summary>
public class Store
{
    public int Id { get; set; }
    [MaxLength(16)] public string Code { get; set; } = "";
    [MaxLength(100)] public string Name { get; set; } = "";
    [MaxLength(20)] public string? Province { get; set; }
    [MaxLength(20)] public string? City { get; set; }
    [MaxLength(200)] public string? Address { get; set; }
    [MaxLength(30)] public string? Phone { get; set; }
    /// <summary>IANA time zone; all deadlines of the store are computed in it.</summary>
    [MaxLength(64)] public string TimeZone { get; set; } = "Asia/Shanghai";
    public bool IsActive { get; set; } = true;
    public int Version { get; set; }
}

/// <summary>A department (部门), shared by the group's stores: DCRC, sales, service, marketing…</summary>
public class Department
{
    public int Id { get; set; }
    [MaxLength(32)] public string Code { get; set; } = "";
    [MaxLength(100)] public string Name { get; set; } = "";
    public bool IsActive { get; set; } = true;
    public int Version { get; set; }
}

public class AppUser : IdentityUser
{
    [MaxLength(50)] public string DisplayName { get; set; } = "";
    public int? DepartmentId { get; set; }
    public Department? Department { get; set; }
    public bool IsActive { get; set; } = true;
    /// <summary>Set for accounts created with a password somebody else knows; the user must change it first.</summary>
    public bool MustChangePassword { get; set; }
    public DateTime CreatedAt { get; set; }
    public List<StoreMembership> Stores { get; set; } = [];
}

public class StoreMembership
{
    public string UserId { get; set; } = "";
    public int StoreId { get; set; }
    public Store? Store { get; set; }
}

/// <summary>How far a role's view of business records reaches.</summary>
public enum DataScope { Own = 0, Department = 1, Store = 2, Group = 3 }

public class AppRole : IdentityRole
{
    public AppRole() { }
    public AppRole(string name) : base(name) { }
    public DataScope Scope { get; set; }
    public int SortOrder { get; set; }
}

/// <summary>Records that a permission's default grants were applied once, so a later revocation by the security administrator sticks.</summary>
public class PermissionDefaultApplied
{
    [MaxLength(64)] public string Permission { get; set; } = "";
    public DateTime AppliedAt { get; set; }
}

/// <summary>Every business record belongs to one store; queries are filtered by the user's stores.</summary>
public interface IStoreOwned
{
    int StoreId { get; }
}
