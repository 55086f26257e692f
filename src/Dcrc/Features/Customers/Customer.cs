using System.ComponentModel.DataAnnotations;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Identifiers;

namespace Dcrc.Features.Customers;

public enum CustomerType { Individual = 0, Company = 1 }
/// <summary>Merged: the archive was merged into another (<see cref="Customer.MergedIntoId"/>); its number is never reused.</summary>
public enum ArchiveStatus { Draft = 0, Approved = 1, Merged = 2 }
/// <summary>A card: a sales customer; C card: after the first maintenance at this store (002 §五, 表9/表10).</summary>
public enum CustomerCard { A = 0, C = 1 }
/// <summary>Customer class by region, strength and likelihood of deals (001 五): A 20 %, B 40 %, C 40 %.</summary>
public enum CustomerClass { A = 1, B = 2, C = 3 }
/// <summary>客户类型 (000 客户资料档案管理制度 一.3).</summary>
public enum CustomerKind { Individual = 0, Company = 1, Government = 2, Partner = 3 }

/// <summary>
/// A customer archive (客户档案): an individual (A/C card fields, 002 表9/表10) or a company (001 客户档案表).
/// The ID number is stored encrypted, with a keyed hash for exact lookups; birth date and gender derived
/// from it are kept in clear for reports.
/// </summary>
public class Customer : IStoreOwned
{
    public long Id { get; set; }
    public int StoreId { get; set; }
    [MaxLength(40)] public string ArchiveNumber { get; set; } = "";
    public CustomerType Type { get; set; }
    public ArchiveStatus Status { get; set; }
    [MaxLength(100)] public string Name { get; set; } = "";
    /// <summary>Pinyin search keys (full and initials, with other readings), space-separated: "zhangsan zs".</summary>
    [MaxLength(NameKeysLength)] public string NameKeys { get; set; } = "";
    public const int NameKeysLength = 400;
    /// <summary>The name's most likely full pinyin (zhangsan) and initials (zs), each with a prefix index.</summary>
    [MaxLength(200)] public string? NamePinyin { get; set; }
    [MaxLength(60)] public string? NameInitials { get; set; }

    /// <summary>Sets the name and every pinyin column derived from it.</summary>
    public void SetName(string name, bool person)
    {
        Name = name;
        NameKeys = KeysFor(name, person);
        var full = Kernel.Pinyin.Pinyin.Full(name, person);
        NamePinyin = full.Length > 200 ? full[..200] : full;
        var initials = Kernel.Pinyin.Pinyin.Initials(name, person);
        NameInitials = initials.Length > 60 ? initials[..60] : initials;
    }

    /// <summary>The search keys of a name, most likely first, as many as fit the column.</summary>
    public static string KeysFor(string name, bool person)
    {
        var keys = new System.Text.StringBuilder();
        foreach (var key in Kernel.Pinyin.Pinyin.SearchKeys(name, person))
        {
            if (keys.Length + key.Length + 1 > NameKeysLength) continue;
            if (keys.Length > 0) keys.Append(' ');
            keys.Append(key);
        }
        return keys.ToString();
    }

    // Basic (基本信息)
    public Gender Gender { get; set; }
    public DateOnly? Birthday { get; set; }
    [MaxLength(20)] public string? Ethnicity { get; set; }
    [MaxLength(120)] public string? IdNumberEncrypted { get; set; }
    [MaxLength(32)] public string? IdNumberHash { get; set; }

    // Contact (联系信息)
    [MaxLength(11)] public string? Mobile { get; set; }
    [MaxLength(20)] public string? Landline { get; set; }
    [MaxLength(20)] public string? Province { get; set; }
    [MaxLength(20)] public string? City { get; set; }
    [MaxLength(20)] public string? District { get; set; }
    [MaxLength(200)] public string? Address { get; set; }
    [MaxLength(200)] public string? MailingAddress { get; set; }
    [MaxLength(6)] public string? Postcode { get; set; }
    [MaxLength(100)] public string? Email { get; set; }
    [MaxLength(50)] public string? WeChat { get; set; }
    [MaxLength(20)] public string? PreferredContact { get; set; }
    [MaxLength(50)] public string? ContactTimeSlot { get; set; }

    // Personal (个人信息)
    [MaxLength(50)] public string? Industry { get; set; }
    [MaxLength(50)] public string? Occupation { get; set; }
    [MaxLength(50)] public string? Position { get; set; }
    [MaxLength(20)] public string? IncomeBand { get; set; }
    [MaxLength(200)] public string? Hobbies { get; set; }
    [MaxLength(200)] public string? Personality { get; set; }
    [MaxLength(100)] public string? Clubs { get; set; }
    public bool? Married { get; set; }
    public DateOnly? WeddingAnniversary { get; set; }
    [MaxLength(20)] public string? Religion { get; set; }
    [MaxLength(20)] public string? Education { get; set; }
    [MaxLength(50)] public string? School { get; set; }
    [MaxLength(10)] public string? LicenceClass { get; set; }
    public DateOnly? LicenceCheckDate { get; set; }
    public int? YearsDriving { get; set; }
    [MaxLength(50)] public string? InfoSource { get; set; }
    public bool Referred { get; set; }
    [MaxLength(50)] public string? ReferredBy { get; set; }

    // Company (企业信息, 001 客户档案表)
    [MaxLength(18)] public string? CreditCode { get; set; }
    [MaxLength(20)] public string? Fax { get; set; }
    [MaxLength(100)] public string? Website { get; set; }
    public DateOnly? FoundedOn { get; set; }
    public decimal? RegisteredCapital { get; set; }
    [MaxLength(200)] public string? Shareholders { get; set; }
    [MaxLength(50)] public string? Bank { get; set; }
    [MaxLength(40)] public string? BankAccount { get; set; }
    public int? StaffCount { get; set; }
    [MaxLength(30)] public string? Nature { get; set; }
    [MaxLength(200)] public string? TradeStanding { get; set; }
    [MaxLength(200)] public string? MainBusiness { get; set; }
    [MaxLength(200)] public string? SideBusiness { get; set; }
    [MaxLength(200)] public string? SalesLast3Years { get; set; }
    [MaxLength(20)] public string? CreditRating { get; set; }
    [MaxLength(500)] public string? OurAdvantages { get; set; }
    [MaxLength(500)] public string? OurWeaknesses { get; set; }

    // Classification and ownership (分类与归属)
    public CustomerClass Class { get; set; } = CustomerClass.C;
    public CustomerKind Kind { get; set; }
    [MaxLength(Customers.Tags.MaxStored)] public string? Tags { get; set; }
    /// <summary>The consultant or advisor who owns the customer (row-level access for own-scope roles).</summary>
    [MaxLength(64)] public string? OwnerUserId { get; set; }
    public int? OwnerDepartmentId { get; set; }
    [MaxLength(1000)] public string? Notes { get; set; }

    public DateTime CreatedAt { get; set; }
    [MaxLength(64)] public string? CreatedBy { get; set; }
    public DateTime? ApprovedAt { get; set; }
    [MaxLength(64)] public string? ApprovedBy { get; set; }
    public int Version { get; set; }

    // A/C card (002 表10): the move is derived from repair orders; membership is typed.
    public CustomerCard Card { get; set; }
    public DateTime? CardMovedAt { get; set; }
    public bool IsMember { get; set; }
    [MaxLength(20)] public string? MemberLevel { get; set; }
    public bool IsVip { get; set; }
    /// <summary>Last call and last visit or meeting, kept from interactions for the class cadence's due list.</summary>
    public DateTime? LastCallAt { get; set; }
    public DateTime? LastVisitAt { get; set; }
    public long? MergedIntoId { get; set; }

    public List<Vehicle> Vehicles { get; set; } = [];
    public List<Records.CompanyContact> Contacts { get; set; } = [];

    /// <summary>Last four digits of the mobile, for "尾号" search; kept by <see cref="SetMobile"/>.</summary>
    [MaxLength(4)] public string? MobileLast4 { get; set; }

    /// <summary>Sets the (normalised) mobile and the last four digits searched by.</summary>
    public void SetMobile(string? mobile) => (Mobile, MobileLast4) = (mobile, mobile?[^4..]);
}

/// <summary>A vehicle (车辆): one vehicle, one file (一车一档). The owner (购车人) and the user/driver (使用人) may differ.</summary>
public class Vehicle : IStoreOwned
{
    public long Id { get; set; }
    public int StoreId { get; set; }
    public long CustomerId { get; set; }
    [MaxLength(17)] public string Vin { get; set; } = "";
    /// <summary>Last six characters of the VIN, for the usual short search; kept by <see cref="SetVin"/>.</summary>
    [MaxLength(6)] public string VinLast6 { get; set; } = "";

    /// <summary>Sets the (checked) VIN and its last six characters searched by.</summary>
    public void SetVin(string vin) => (Vin, VinLast6) = (vin, vin[^6..]);
    [MaxLength(8)] public string? PlateNumber { get; set; }
    [MaxLength(50)] public string? Series { get; set; }
    [MaxLength(80)] public string? Model { get; set; }
    [MaxLength(100)] public string? Trim { get; set; }
    [MaxLength(20)] public string? Sfx { get; set; }
    [MaxLength(30)] public string? ExteriorColour { get; set; }
    [MaxLength(30)] public string? InteriorColour { get; set; }
    [MaxLength(40)] public string? CertificateNumber { get; set; }
    [MaxLength(40)] public string? InvoiceNumber { get; set; }
    public DateOnly? PurchaseDate { get; set; }
    public DateOnly? DeliveryDate { get; set; }
    [MaxLength(64)] public string? SalesConsultantId { get; set; }
    public bool BoughtHere { get; set; } = true;
    public bool InsuredHere { get; set; }
    [MaxLength(40)] public string? PolicyNumber { get; set; }
    public DateOnly? InsuranceDate { get; set; }
    public DateOnly? InsuranceExpiry { get; set; }
    public DateOnly? AnnualInspectionDate { get; set; }
    public int? Mileage { get; set; }
    [MaxLength(50)] public string? DriverName { get; set; }
    [MaxLength(11)] public string? DriverMobile { get; set; }
    /// <summary>钥匙密码 / 音响密码: secret, encrypted, revealed only to authorised roles and every reveal audited.</summary>
    [MaxLength(120)] public string? KeyCodeEncrypted { get; set; }
    [MaxLength(120)] public string? AudioCodeEncrypted { get; set; }
    public DateTime CreatedAt { get; set; }
    public int Version { get; set; }
}

/// <summary>One changed field of a customer or vehicle (可追溯性): who, when, old and new value.</summary>
public class ArchiveChange
{
    /// <summary>Values longer than the columns are cut (a note may be 1,000 characters).</summary>
    public static string? Clip(string? s) => s is { Length: > 500 } ? s[..500] : s;

    public long Id { get; set; }
    public long CustomerId { get; set; }
    public long? VehicleId { get; set; }
    [MaxLength(64)] public string Field { get; set; } = "";
    [MaxLength(500)] public string? OldValue { get; set; }
    [MaxLength(500)] public string? NewValue { get; set; }
    [MaxLength(64)] public string? ChangedBy { get; set; }
    public DateTime ChangedAt { get; set; }
}

/// <summary>The last archive number used per store and period; a row is locked while a number is drawn.</summary>
public class ArchiveSequence
{
    [MaxLength(60)] public string PeriodKey { get; set; } = "";
    public long LastValue { get; set; }
}
