using System.ComponentModel.DataAnnotations;
using Dcrc.Kernel.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dcrc.Features.Callbacks.Reports;

/// <summary>
/// The right details found for a task on the invalid-information list (不确定客户记录表, 002 表4: 找回正确客户姓名,
/// 找回正确电话, 找回其他联系电话, 备注), one row per correction. The mobile also goes into the archive; the other
/// phone is kept here only.
/// </summary>
public class CallbackCorrection : IStoreOwned
{
    public long Id { get; set; }
    public int StoreId { get; set; }
    public long TaskId { get; set; }
    public long CustomerId { get; set; }
    public DateTime At { get; set; }
    [MaxLength(64)] public string? ByUserId { get; set; }
    [MaxLength(50)] public string? ByName { get; set; }
    /// <summary>The number that was wrong or empty (表4 客户联系电话).</summary>
    [MaxLength(11)] public string? OldMobile { get; set; }
    [MaxLength(100)] public string? Name { get; set; }
    [MaxLength(11)] public string Mobile { get; set; } = "";
    [MaxLength(20)] public string? OtherPhone { get; set; }
    [MaxLength(500)] public string? Note { get; set; }
}

public class CallbackCorrectionConfiguration : IEntityTypeConfiguration<CallbackCorrection>
{
    public void Configure(EntityTypeBuilder<CallbackCorrection> e) => e.HasIndex(x => new { x.TaskId, x.At });
}
