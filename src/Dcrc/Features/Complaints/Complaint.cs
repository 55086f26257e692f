using Dcrc.Kernel.Cases;
using System.ComponentModel.DataAnnotations;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Deadlines;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dcrc.Features.Complaints;

public enum ComplaintChannel { Phone = 0, Visit = 1, Letter = 2, Email = 3, OemTransfer = 4, Callback = 5, Online = 6, Other = 7 }
public enum ComplaintSeverity { Minor = 0, Normal = 1, Serious = 2 }
/// <summary>处理方式 of 001: 赔偿 / 退货 / 折价 / 其他.</summary>
public enum CompensationType { None = 0, Compensation = 1, Return = 2, Discount = 3, Other = 4 }

/// <summary>
/// A complaint case (客户投诉记录单 + 客户投诉处理单 of 001): intake, the workflow of <see cref="ComplaintWorkflow"/> with
/// its time limits, and the handling record.
/// </summary>
public class Complaint : IStoreOwned
{
    public long Id { get; set; }
    public int StoreId { get; set; }
    /// <summary>受理编号, shown as TS + the id.</summary>
    public string Number => NumberOf(Id);
    public static string NumberOf(long id) => Kernel.Cases.CaseNumber.Of(id);
    public ComplaintChannel Channel { get; set; }
    public DateTime ReceivedAt { get; set; }
    [MaxLength(64)] public string? ReceivedBy { get; set; }
    [MaxLength(50)] public string? ReceivedByName { get; set; }
    public long CustomerId { get; set; }
    public long? VehicleId { get; set; }
    [MaxLength(50)] public string? ContactName { get; set; }
    [MaxLength(20)] public string? ContactPhone { get; set; }
    public ComplaintCategory Category { get; set; }
    public ComplaintSeverity Severity { get; set; }
    public bool Emergency { get; set; }
    /// <summary>投诉内容: what happened (with when it happened).</summary>
    [MaxLength(2000)] public string Description { get; set; } = "";
    /// <summary>客户要求.</summary>
    [MaxLength(1000)] public string? Request { get; set; }
    /// <summary>The customer's complaints so far, this one included (1 = first): computed at intake.</summary>
    public int CustomerComplaintNumber { get; set; }
    /// <summary>The call it was taken on, or the callback grievance it grew from.</summary>
    public long? CallId { get; set; }
    public long? CallbackTaskId { get; set; }

    public ComplaintState State { get; set; }
    public bool Paused { get; set; }
    public int? DepartmentId { get; set; }
    [MaxLength(64)] public string? ResponsibleUserId { get; set; }
    [MaxLength(50)] public string? ResponsibleName { get; set; }

    // Handling record (客户投诉处理单).
    [MaxLength(1000)] public string? Cause { get; set; }
    [MaxLength(1000)] public string? Solution { get; set; }
    [MaxLength(1000)] public string? Measures { get; set; }
    [MaxLength(1000)] public string? Result { get; set; }
    public CompensationType Compensation { get; set; }
    public decimal? CompensationAmount { get; set; }
    public DateOnly? OemEscalatedOn { get; set; }
    public DateOnly? EngineerAppraisalOn { get; set; }
    [MaxLength(500)] public string? CustomerOpinion { get; set; }
    [MaxLength(1000)] public string? ClosingSummary { get; set; }
    [MaxLength(1000)] public string? FollowUpNote { get; set; }

    public DateTime? ClosedAt { get; set; }
    /// <summary>The satisfaction callback made when the case closed.</summary>
    public long? SatisfactionTaskId { get; set; }
    public int Reopened { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; }
}

/// <summary>One step of a case: who did what when (the case's timeline).</summary>
public class ComplaintEvent
{
    public long Id { get; set; }
    public long ComplaintId { get; set; }
    public DateTime At { get; set; }
    public ComplaintAction? Action { get; set; }
    /// <summary>Escalation or other system step: its resource key.</summary>
    [MaxLength(64)] public string? SystemKey { get; set; }
    public ComplaintState? From { get; set; }
    public ComplaintState? To { get; set; }
    [MaxLength(64)] public string? ByUserId { get; set; }
    [MaxLength(50)] public string? ByName { get; set; }
    [MaxLength(1000)] public string? Note { get; set; }
}

/// <summary>A recorded fact of one of a case's time limits (<see cref="TimeLimit"/>); <see cref="Round"/> counts restarts after a rejection or reopening.</summary>
public class ComplaintLimitEvent
{
    public long Id { get; set; }
    public long ComplaintId { get; set; }
    public ComplaintLimit Limit { get; set; }
    public int Round { get; set; }
    public LimitEventKind Kind { get; set; }
    public DateTime At { get; set; }
    public int Level { get; set; }
}

public class ComplaintConfiguration : IEntityTypeConfiguration<Complaint>
{
    public void Configure(EntityTypeBuilder<Complaint> e)
    {
        e.Ignore(x => x.Number);
        e.HasIndex(x => new { x.StoreId, x.State, x.ReceivedAt });
        e.HasIndex(x => new { x.StoreId, x.ReceivedAt });
        e.HasIndex(x => x.CustomerId);
        e.HasIndex(x => new { x.DepartmentId, x.State });
        e.HasIndex(x => x.ResponsibleUserId);
        e.Property(x => x.CompensationAmount).HasPrecision(18, 2);
        e.Property(x => x.Version).IsConcurrencyToken();
    }
}

public class ComplaintEventConfiguration : IEntityTypeConfiguration<ComplaintEvent>
{
    public void Configure(EntityTypeBuilder<ComplaintEvent> e) => e.HasIndex(x => new { x.ComplaintId, x.At });
}

public class ComplaintLimitEventConfiguration : IEntityTypeConfiguration<ComplaintLimitEvent>
{
    public void Configure(EntityTypeBuilder<ComplaintLimitEvent> e) => e.HasIndex(x => new { x.ComplaintId, x.Limit, x.Round });
}
