using System.ComponentModel.DataAnnotations;
using Dcrc.Features.Customers.Records;
using Dcrc.Kernel.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dcrc.Features.Customers.Filing;

public enum CheckResult { Pending = 0, Normal = 1, Abnormal = 2 }

/// <summary>
/// One line of the weekly archive check (客户档案检核记录表, 002 表14): a sampled sales agreement or repair
/// order compared with its documents, normal or abnormal, with description, person responsible and measure.
/// </summary>
public class ArchiveCheck : IStoreOwned
{
    public long Id { get; set; }
    public int StoreId { get; set; }
    /// <summary>Monday of the sampled week (store time).</summary>
    public DateOnly WeekStart { get; set; }
    /// <summary>Sale (售时) or repair order (售后).</summary>
    public TransactionKind Kind { get; set; }
    public long TransactionId { get; set; }
    public long CustomerId { get; set; }
    [MaxLength(40)] public string Number { get; set; } = "";
    public CheckResult Result { get; set; }
    [MaxLength(500)] public string? Description { get; set; }
    [MaxLength(50)] public string? Responsible { get; set; }
    [MaxLength(500)] public string? Measure { get; set; }
    [MaxLength(64)] public string? CheckedBy { get; set; }
    public DateTime? CheckedAt { get; set; }
    public int Version { get; set; }
}

public class ArchiveCheckConfiguration : IEntityTypeConfiguration<ArchiveCheck>
{
    public void Configure(EntityTypeBuilder<ArchiveCheck> e)
    {
        e.HasIndex(x => new { x.StoreId, x.WeekStart, x.TransactionId }).IsUnique();
        e.HasIndex(x => x.TransactionId);
        e.Property(x => x.Version).IsConcurrencyToken();
    }
}
