using System.ComponentModel.DataAnnotations;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Deadlines;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dcrc.Features.Leads;

/// <summary>
/// What one follow-up call came to. <see cref="NoAnswer"/> and <see cref="Busy"/> are failed calls (retried in another
/// time slot); the others are the dealer's feedback of seed 000's 潜在客户跟踪表 (经销商反馈, one choice).
/// </summary>
public enum LeadFeedback
{
    NoAnswer = 0,
    Busy = 1,
    /// <summary>已预约到店/试驾.</summary>
    VisitBooked = 2,
    /// <summary>有意向，继续跟进.</summary>
    Considering = 3,
    /// <summary>已订车 (the order itself is the conversion).</summary>
    Ordered = 4,
    /// <summary>已购其他品牌.</summary>
    BoughtElsewhere = 5,
    /// <summary>暂无购车计划.</summary>
    NoPlan = 6,
    /// <summary>信息有误 (not the person, never left the number).</summary>
    WrongInfo = 7,
    /// <summary>无法联系: only after the failed calls in different slots the store requires; needs a reason.</summary>
    Unreachable = 8,
    /// <summary>其它: needs a reason.</summary>
    Other = 9,
}

/// <summary>The lead's clocks on the shared time-limit engine.</summary>
public enum LeadLimit { FirstContact = 0, OemFeedback = 1, FollowUp = 2 }

public enum LeadEventKind
{
    Created = 0, Assigned = 1, Reassigned = 2, AutoAssigned = 3, Attempt = 4, Visit = 5, ToPool = 6, Claimed = 7,
    LostRequested = 8, LostApproved = 9, LostRefused = 10, Converted = 11, Transferred = 12, OemChecked = 13,
    LimitWarned = 14, LimitBreached = 15, LimitEscalated = 16, Edited = 17, Reopened = 18, DeliveryPlanned = 19, DeliveryReminded = 20,
}

/// <summary>One follow-up attempt (a line of 潜在客户跟踪表): when, in which time slot, the result, the remark, by whom.</summary>
public class LeadAttempt : IStoreOwned
{
    public long Id { get; set; }
    public int StoreId { get; set; }
    public long LeadId { get; set; }
    public DateTime At { get; set; }
    /// <summary>The store's time slot the call fell in (0 = the first, e.g. morning); null outside every slot.</summary>
    public int? Slot { get; set; }
    public LeadFeedback Result { get; set; }
    [MaxLength(500)] public string? Remark { get; set; }
    [MaxLength(64)] public string? ByUserId { get; set; }
    /// <summary>销售人员姓名: required by the seed so that the OEM can check the call.</summary>
    [MaxLength(50)] public string ConsultantName { get; set; } = "";
    public DateOnly? NextFollowUpOn { get; set; }
}

/// <summary>A line of the lead's timeline: who did what when.</summary>
public class LeadEvent
{
    public long Id { get; set; }
    public long LeadId { get; set; }
    public DateTime At { get; set; }
    public LeadEventKind Kind { get; set; }
    [MaxLength(64)] public string? ByUserId { get; set; }
    [MaxLength(50)] public string? ByName { get; set; }
    [MaxLength(500)] public string? Note { get; set; }
}

/// <summary>A recorded fact of one of a lead's clocks (<see cref="TimeLimit"/>); <see cref="Round"/> counts the follow-up clock's restarts.</summary>
public class LeadLimitEvent
{
    public long Id { get; set; }
    public long LeadId { get; set; }
    public LeadLimit Limit { get; set; }
    public int Round { get; set; }
    public LimitEventKind Kind { get; set; }
    public DateTime At { get; set; }
    public int Level { get; set; }
}

/// <summary>A batch of leads from the manufacturer (批次号), with its arrival: each lead's feedback is due a set time after it.</summary>
public class LeadBatch : IStoreOwned
{
    public long Id { get; set; }
    public int StoreId { get; set; }
    [MaxLength(40)] public string BatchNumber { get; set; } = "";
    public DateTime ArrivedAt { get; set; }
    public DateTime ImportedAt { get; set; }
    [MaxLength(50)] public string? ImportedBy { get; set; }
    public int Leads { get; set; }
}

/// <summary>A showroom visit (来店登记): when in and out, how many, which model, who received them, test drive.</summary>
public class LeadVisit : IStoreOwned
{
    public long Id { get; set; }
    public int StoreId { get; set; }
    public long LeadId { get; set; }
    public DateTime ArrivedAt { get; set; }
    public DateTime? LeftAt { get; set; }
    public int PartySize { get; set; }
    [MaxLength(50)] public string? Model { get; set; }
    [MaxLength(64)] public string? ConsultantUserId { get; set; }
    [MaxLength(50)] public string? ConsultantName { get; set; }
    public bool TestDrive { get; set; }
    /// <summary>The DCRC's 48-hour visit callback and the thank-you SMS.</summary>
    public long? CallbackTaskId { get; set; }
    public long? SmsMessageId { get; set; }
    [MaxLength(50)] public string? RecordedBy { get; set; }
}

public class LeadAttemptConfiguration : IEntityTypeConfiguration<LeadAttempt>
{
    public void Configure(EntityTypeBuilder<LeadAttempt> e)
    {
        e.HasIndex(x => new { x.LeadId, x.At });
        e.HasIndex(x => new { x.StoreId, x.At });
    }
}

public class LeadEventConfiguration : IEntityTypeConfiguration<LeadEvent>
{
    public void Configure(EntityTypeBuilder<LeadEvent> e)
    {
        e.HasIndex(x => new { x.LeadId, x.At });
        e.HasIndex(x => new { x.ByUserId, x.Kind, x.At }); // a consultant's claims today (the daily limit)
    }
}

public class LeadLimitEventConfiguration : IEntityTypeConfiguration<LeadLimitEvent>
{
    public void Configure(EntityTypeBuilder<LeadLimitEvent> e)
    {
        e.HasIndex(x => new { x.LeadId, x.Limit, x.Round });
        e.HasIndex(x => new { x.Limit, x.Kind, x.At }); // the report's follow-up rounds of a period
    }
}

public class LeadBatchConfiguration : IEntityTypeConfiguration<LeadBatch>
{
    public void Configure(EntityTypeBuilder<LeadBatch> e) => e.HasIndex(x => new { x.StoreId, x.BatchNumber }).IsUnique();
}

public class LeadVisitConfiguration : IEntityTypeConfiguration<LeadVisit>
{
    public void Configure(EntityTypeBuilder<LeadVisit> e)
    {
        e.HasIndex(x => new { x.StoreId, x.ArrivedAt });
        e.HasIndex(x => x.LeadId);
    }
}
