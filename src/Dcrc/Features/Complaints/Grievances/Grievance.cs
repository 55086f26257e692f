using System.ComponentModel.DataAnnotations;
using Dcrc.Kernel.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dcrc.Features.Complaints.Grievances;

/// <summary>内容分类 of 表5.</summary>
public enum GrievanceCategory { Product = 0, ServiceAttitude = 1, RepairQuality = 2, Price = 3, Delivery = 4, Waiting = 5, Other = 6 }

public enum GrievanceStatus { Open = 0, Closed = 1 }

/// <summary>
/// A customer's grievance (抱怨客户联系处理表, 002 表5): raised by a dissatisfied callback or an SMS score, routed to the
/// responsible department, which reports back within the result time limit (business hours of the store's calendar).
/// </summary>
public class Grievance : IStoreOwned
{
    public long Id { get; set; }
    public int StoreId { get; set; }
    /// <summary>案例编号, shown as BY + the id.</summary>
    public string CaseNumber => $"BY{Id:D6}";
    public DateOnly ReceivedOn { get; set; }
    public GrievanceCategory Category { get; set; }
    public long CustomerId { get; set; }
    public long? VehicleId { get; set; }
    public long? CallbackTaskId { get; set; }
    /// <summary>The score that opened it, if a score did.</summary>
    public int? Score { get; set; }
    /// <summary>用户抱怨内容和用户要求.</summary>
    [MaxLength(1000)] public string Content { get; set; } = "";
    public int? DepartmentId { get; set; }
    /// <summary>处理责任人.</summary>
    [MaxLength(50)] public string? Responsible { get; set; }
    /// <summary>When the department's result is due (the time limit).</summary>
    public DateTime DueAt { get; set; }
    /// <summary>处理过程及情况.</summary>
    [MaxLength(2000)] public string? Process { get; set; }
    /// <summary>处理结果总结.</summary>
    [MaxLength(1000)] public string? Result { get; set; }
    /// <summary>再次回访记录.</summary>
    [MaxLength(1000)] public string? FollowUp { get; set; }
    public GrievanceStatus Status { get; set; }
    public DateTime CreatedAt { get; set; }
    [MaxLength(64)] public string? CreatedBy { get; set; }
    public DateTime? ClosedAt { get; set; }
    [MaxLength(64)] public string? ClosedBy { get; set; }
    public int Version { get; set; }
}

public class GrievanceConfiguration : IEntityTypeConfiguration<Grievance>
{
    public void Configure(EntityTypeBuilder<Grievance> e)
    {
        e.Ignore(x => x.CaseNumber);
        e.HasIndex(x => new { x.StoreId, x.Status, x.DueAt });
        e.HasIndex(x => x.CustomerId);
        e.HasIndex(x => x.CallbackTaskId);
        e.Property(x => x.Version).IsConcurrencyToken();
    }
}
