using System.ComponentModel.DataAnnotations;
using Dcrc.Kernel.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dcrc.Features.Leads;

/// <summary>Where a lead came from (SPEC §3).</summary>
public enum LeadSource { Walkin = 0, Phone = 1, Online = 2, Exhibition = 3, Referral = 4, BusinessCard = 5, DoorToDoor = 6, OemBatch = 7 }

/// <summary>
/// New: nobody follows it yet. Following: a consultant has it. Pool: back in the store's pool (公海), free to claim.
/// LostPending: declared lost, waiting for the sales manager. Lost, Unreachable, Ordered (became a customer) and
/// Transferred (the OEM took it back) are closed.
/// </summary>
public enum LeadState { New = 0, Following = 1, Pool = 2, LostPending = 3, Lost = 4, Unreachable = 5, Ordered = 6, Transferred = 7 }

public enum PurchaseTiming { Unknown = 0, Week = 1, Month = 2, Quarter = 3, HalfYear = 4, Later = 5 }
public enum PaymentMethod { Unknown = 0, Full = 1, Loan = 2 }
/// <summary>战败 reasons (SPEC §3): price, service, product, bought a competitor's car, other.</summary>
public enum LostReason { Price = 0, Service = 1, Product = 2, Competitor = 3, Other = 4 }
/// <summary>Why the OEM took a lead back (seed 000 考核目标): no contact, a feedback untrue to the customer's wish, none within 24 hours.</summary>
public enum TransferReason { NoContact = 0, WrongFeedback = 1, Late = 2 }

/// <summary>
/// A prospect (潜在客户信息收集表 of seed 000): who, what they want, how warm (intent level), where they came from and
/// who follows them; its follow-up attempts (<see cref="LeadAttempt"/>), timeline (<see cref="LeadEvent"/>) and clocks
/// (<see cref="LeadLimitEvent"/>). Milestones (contacted, visited, test drive, ordered) feed the funnel.
/// </summary>
public class Lead : IStoreOwned
{
    public long Id { get; set; }
    public int StoreId { get; set; }
    public string Number => NumberOf(Id);
    public static string NumberOf(long id) => "XS" + id.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    [MaxLength(50)] public string Name { get; set; } = "";
    [MaxLength(11)] public string Mobile { get; set; } = "";
    [MaxLength(4)] public string MobileLast4 { get; set; } = "";
    public Kernel.Identifiers.Gender Gender { get; set; }
    [MaxLength(50)] public string? Region { get; set; }
    [MaxLength(50)] public string? Series { get; set; }
    [MaxLength(50)] public string? Model { get; set; }
    [MaxLength(4)] public string IntentLevel { get; set; } = "";
    [MaxLength(30)] public string? Budget { get; set; }
    public PurchaseTiming PurchaseTiming { get; set; }
    public PaymentMethod Payment { get; set; }
    [MaxLength(100)] public string? CompetingBrands { get; set; }
    public bool TradeIn { get; set; }
    [MaxLength(100)] public string? TradeInNote { get; set; }
    public DateTime? VisitAt { get; set; }
    public int? VisitMinutes { get; set; }
    [MaxLength(100)] public string? Companions { get; set; }
    [MaxLength(1000)] public string? Needs { get; set; }
    public LeadSource Source { get; set; }

    public LeadState State { get; set; }
    /// <summary>The consultant who follows it (null: unassigned or in the pool) and their department then.</summary>
    [MaxLength(64)] public string? ConsultantUserId { get; set; }
    [MaxLength(50)] public string? ConsultantName { get; set; }
    public int? ConsultantDepartmentId { get; set; }
    /// <summary>The last consultant who had the lead — kept when it goes to the pool or is lost; the report credits them.</summary>
    [MaxLength(50)] public string? LastConsultantName { get; set; }
    public DateTime? AssignedAt { get; set; }
    /// <summary>Given by the store's round robin (the next auto-assignment goes to the consultant after this one).</summary>
    public bool AutoAssigned { get; set; }
    /// <summary>The archive customer of the same mobile (an owner's new interest), or the archive it became.</summary>
    public long? CustomerId { get; set; }

    /// <summary>The day by which the next follow-up is due (store date); every open lead has one.</summary>
    public DateOnly? NextFollowUpOn { get; set; }
    public DateTime? LastFollowUpAt { get; set; }
    public int Attempts { get; set; }
    /// <summary>Set when one of its clocks breached, cleared when that clock is met: the lead is late (flagged, reassignable).</summary>
    public DateTime? LateSince { get; set; }
    /// <summary>When one of its clocks next needs looking at (warning, breach, escalation): the clocks job reads only leads due.</summary>
    public DateTime? NextClockAt { get; set; }

    // Milestones (the funnel).
    public DateTime? ContactedAt { get; set; }
    public DateTime? VisitedAt { get; set; }
    public DateTime? TestDriveAt { get; set; }
    public DateTime? OrderedAt { get; set; }
    public DateTime? ClosedAt { get; set; }
    public DateTime? PoolSince { get; set; }
    /// <summary>Delivery preparation (seed 004 §2 新车交付): the planned handover and when each reminder went out.</summary>
    public DateTime? PlannedDeliveryAt { get; set; }
    public DateTime? DeliveryFirstReminderAt { get; set; }
    public DateTime? DeliverySecondReminderAt { get; set; }

    // OEM batch (潜在客户跟踪表): the batch, the OEM's number, the 24-hour feedback and the OEM's check of it.
    public long? BatchId { get; set; }
    [MaxLength(40)] public string? OemLeadNumber { get; set; }
    public DateTime? FeedbackDueAt { get; set; }
    public DateTime? FeedbackAt { get; set; }
    public LeadFeedback? Feedback { get; set; }
    [MaxLength(500)] public string? FeedbackRemark { get; set; }
    [MaxLength(50)] public string? FeedbackBy { get; set; }
    public DateTime? OemCheckedAt { get; set; }
    public bool? OemFeedbackTrue { get; set; }
    public bool? OemInfoAccurate { get; set; }
    public bool? OemOffered { get; set; }
    public TransferReason? TransferReason { get; set; }

    // 战败 (declared lost, approved by the sales manager).
    public LostReason? LostReason { get; set; }
    [MaxLength(50)] public string? LostCompetitor { get; set; }
    [MaxLength(500)] public string? LostNote { get; set; }
    /// <summary>Keeps an interest: stays in the pool, marked for later campaigns (潜在客户信息存档).</summary>
    public bool KeepsInterest { get; set; }
    [MaxLength(64)] public string? LostRequestedBy { get; set; }
    [MaxLength(50)] public string? LostApprovedBy { get; set; }

    public DateTime CreatedAt { get; set; }
    [MaxLength(50)] public string? CreatedBy { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; }

    public void SetMobile(string mobile) => (Mobile, MobileLast4) = (mobile, mobile.Length >= 4 ? mobile[^4..] : mobile);
    public bool IsOpen => LeadStates.IsOpen(State);
}

public static class LeadStates
{
    public static bool IsOpen(LeadState s) => s is LeadState.New or LeadState.Following or LeadState.Pool or LeadState.LostPending;
    /// <summary>The open states as a query condition.</summary>
    public static readonly System.Linq.Expressions.Expression<Func<Lead, bool>> Open =
        l => l.State == LeadState.New || l.State == LeadState.Following || l.State == LeadState.Pool || l.State == LeadState.LostPending;
}

public class LeadConfiguration : IEntityTypeConfiguration<Lead>
{
    public void Configure(EntityTypeBuilder<Lead> e)
    {
        e.Ignore(x => x.Number);
        e.Ignore(x => x.IsOpen);
        // The consultant's day and the pool: by store, consultant, state and due date.
        // On PostgreSQL the day's counts (new: no attempt yet; late) read the index alone.
        e.HasIndex(x => new { x.StoreId, x.ConsultantUserId, x.State, x.NextFollowUpOn }).IncludeProperties(x => new { x.Attempts, x.LateSince });
        e.HasIndex(x => new { x.StoreId, x.State, x.PoolSince, x.Id }); // the pool in its order, a page's ids from the index alone
        e.HasIndex(x => new { x.StoreId, x.CreatedAt });
        // Duplicates among open leads and the archive link: by mobile.
        e.HasIndex(x => new { x.StoreId, x.Mobile });
        e.HasIndex(x => x.MobileLast4);
        e.HasIndex(x => x.CustomerId);
        e.HasIndex(x => new { x.BatchId, x.OemLeadNumber });
        e.HasIndex(x => new { x.ConsultantDepartmentId, x.State });
        e.HasIndex(x => x.NextClockAt);
        e.HasIndex(x => x.PlannedDeliveryAt);
        e.HasIndex(x => new { x.StoreId, x.FeedbackDueAt }); // the report's OEM feedback of a period
        e.Property(x => x.Version).IsConcurrencyToken();
    }
}
