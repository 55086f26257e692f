using System.ComponentModel.DataAnnotations;
using Dcrc.Kernel.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dcrc.Features.Customers.Records;

/// <summary>沟通记录 channels (SPEC §1.1).</summary>
public enum InteractionChannel { Call = 0, Visit = 1, Sms = 2, Email = 3, Meeting = 4 }

/// <summary>One contact with a customer: who, when, which channel, what was said and what came of it.</summary>
public class Interaction : IStoreOwned
{
    public long Id { get; set; }
    public int StoreId { get; set; }
    public long CustomerId { get; set; }
    public long? VehicleId { get; set; }
    public InteractionChannel Channel { get; set; }
    public DateTime At { get; set; }
    [MaxLength(500)] public string Summary { get; set; } = "";
    [MaxLength(200)] public string? Outcome { get; set; }
    [MaxLength(64)] public string? ByUserId { get; set; }
    [MaxLength(64)] public string? ByName { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>交易记录: a sales contract, a repair order, or another deal in a company's transaction list.</summary>
public enum TransactionKind { Sale = 0, RepairOrder = 1, Other = 2 }
/// <summary>What a repair order was for; the first maintenance moves a buyer to the C card.</summary>
public enum RepairType { Maintenance = 0, Repair = 1, Bodywork = 2, Warranty = 3 }

public class CustomerTransaction : IStoreOwned
{
    public long Id { get; set; }
    public int StoreId { get; set; }
    public long CustomerId { get; set; }
    public long? VehicleId { get; set; }
    public TransactionKind Kind { get; set; }
    public RepairType? RepairType { get; set; }
    /// <summary>Contract, repair-order (预检单/派工单/结算单) or deal number.</summary>
    [MaxLength(40)] public string Number { get; set; } = "";
    /// <summary>Delivery date of a sale, settlement date of a repair order, date of another deal.</summary>
    public DateOnly Date { get; set; }
    public decimal? Amount { get; set; }
    public int? Mileage { get; set; }
    /// <summary>The odometer was changed before this reading: the mileage counts from afresh (the forecast starts its readings here).</summary>
    public bool OdometerChanged { get; set; }
    /// <summary>The sales consultant or service advisor (person in charge for other deals).</summary>
    [MaxLength(64)] public string? StaffUserId { get; set; }
    [MaxLength(50)] public string? StaffName { get; set; }
    /// <summary>The repair team (维修班组) of a repair order, for the satisfaction table 表8.</summary>
    [MaxLength(30)] public string? RepairTeam { get; set; }
    [MaxLength(100)] public string? Place { get; set; }
    /// <summary>A company deal that was breached (违约).</summary>
    public bool Breach { get; set; }
    [MaxLength(500)] public string? Note { get; set; }
    /// <summary>When the department's paper documents are due at DCRC (sales 2–5 days, service 2–3, 002 §五).</summary>
    public DateOnly? DocumentsDueOn { get; set; }
    public DateTime? DocumentsReceivedAt { get; set; }
    [MaxLength(64)] public string? DocumentsReceivedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    [MaxLength(64)] public string? CreatedBy { get; set; }
}

/// <summary>Document types of a vehicle's file (004 §1.1), in the order they are filed.</summary>
public enum DocumentType
{
    SalesContract = 0, IdCopy = 1, BusinessLicenceCopy = 2, DrivingLicenceCopy = 3, VehicleLicenceCopy = 4, InvoiceCopy = 5,
    PdiSheet = 6, DeliveryConfirmation = 7, RepairOrder = 8, Other = 9,
}

/// <summary>
/// The form of a document within its group, in filing order (001 四.1(3)): reply before request, original
/// before attachment, print before draft.
/// </summary>
public enum DocumentForm { Reply = 0, Request = 1, Original = 2, Print = 3, FinalDraft = 4, Attachment = 5 }

/// <summary>An uploaded file of the archive, stored outside the web root under its SHA-256.</summary>
public class ArchiveDocument : IStoreOwned
{
    public long Id { get; set; }
    public int StoreId { get; set; }
    public long CustomerId { get; set; }
    public long? VehicleId { get; set; }
    public long? TransactionId { get; set; }
    public DocumentType Type { get; set; }
    public DocumentForm Form { get; set; } = DocumentForm.Original;
    [MaxLength(100)] public string Title { get; set; } = "";
    public int Pages { get; set; }
    [MaxLength(64)] public string Sha256 { get; set; } = "";
    [MaxLength(200)] public string FileName { get; set; } = "";
    [MaxLength(100)] public string ContentType { get; set; } = "";
    public long Size { get; set; }
    /// <summary>Path relative to the document store (data/documents), never a web path.</summary>
    [MaxLength(200)] public string StoragePath { get; set; } = "";
    /// <summary>The month the document belongs to in the file (一车一档, organised by month).</summary>
    public DateOnly FiledMonth { get; set; }
    public DateTime UploadedAt { get; set; }
    [MaxLength(64)] public string? UploadedBy { get; set; }
}

/// <summary>A company's legal representative, main leader or main contact (001 客户档案表).</summary>
public enum ContactRole { LegalRepresentative = 0, MainLeader = 1, MainContact = 2 }

public class CompanyContact
{
    public long Id { get; set; }
    public long CustomerId { get; set; }
    public ContactRole Role { get; set; }
    [MaxLength(50)] public string Name { get; set; } = "";
    [MaxLength(50)] public string? Position { get; set; }
    [MaxLength(100)] public string? Education { get; set; }
    public DateOnly? Birthday { get; set; }
    [MaxLength(200)] public string? Hobbies { get; set; }
    [MaxLength(200)] public string? Family { get; set; }
}

public class InteractionConfiguration : IEntityTypeConfiguration<Interaction>
{
    public void Configure(EntityTypeBuilder<Interaction> e)
    {
        e.HasIndex(x => new { x.CustomerId, x.At });
        e.HasIndex(x => new { x.VehicleId, x.At });
    }
}

public class CustomerTransactionConfiguration : IEntityTypeConfiguration<CustomerTransaction>
{
    public void Configure(EntityTypeBuilder<CustomerTransaction> e)
    {
        e.HasIndex(x => new { x.CustomerId, x.Date });
        e.HasIndex(x => new { x.VehicleId, x.Date });
        e.HasIndex(x => new { x.StoreId, x.Kind, x.Number }).IsUnique();
        e.HasIndex(x => new { x.StoreId, x.DocumentsReceivedAt, x.DocumentsDueOn });
        e.HasIndex(x => new { x.StoreId, x.Kind, x.Date });
        e.Property(x => x.Amount).HasPrecision(18, 2);
    }
}

public class ArchiveDocumentConfiguration : IEntityTypeConfiguration<ArchiveDocument>
{
    public void Configure(EntityTypeBuilder<ArchiveDocument> e)
    {
        e.HasIndex(x => new { x.CustomerId, x.FiledMonth });
        e.HasIndex(x => x.VehicleId);
    }
}

public class CompanyContactConfiguration : IEntityTypeConfiguration<CompanyContact>
{
    public void Configure(EntityTypeBuilder<CompanyContact> e) => e.HasIndex(x => new { x.CustomerId, x.Role }).IsUnique();
}
