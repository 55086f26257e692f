using Dcrc.Kernel.Cases;
using System.ComponentModel.DataAnnotations;
using Dcrc.Kernel.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dcrc.Features.Callbacks;

/// <summary>
/// Open: to call (possibly rescheduled). SmsSent: four attempts failed, the SMS survey is out and a reply awaited.
/// Completed: reached (by phone or an SMS reply). Expired: a survey not completed in time — counts as failed.
/// Invalid: wrong or empty number, on the invalid-information list (表4) until corrected. Cancelled: no longer needed.
/// </summary>
public enum CallbackStatus { Open = 0, SmsSent = 1, Completed = 2, Expired = 3, Invalid = 4, Cancelled = 5 }

/// <summary>What one call attempt came to (002 §三 回访操作流程).</summary>
public enum CallbackOutcome
{
    Success = 0,
    /// <summary>The customer is busy: call again at the time they chose.</summary>
    Busy = 1,
    /// <summary>Not the owner, who is not there: call again.</summary>
    NotOwner = 2,
    SwitchedOff = 3,
    Suspended = 4,
    Refused = 5,
    LineBusy = 6,
    NoAnswer = 7,
    Unreachable = 8,
    /// <summary>呼入限制: the line does not take incoming calls.</summary>
    CallBarred = 9,
    WrongNumber = 10,
    EmptyNumber = 11,
}

/// <summary>Satisfaction bands of 002 表7/表8: 8–10 completely, 6–7 basically, 0–5 dissatisfied (limits are settings).</summary>
public enum SatisfactionBand { Completely = 0, Basically = 1, Dissatisfied = 2 }

/// <summary>One callback to make: generated once per event and rule, worked from the queue, closed by an outcome.</summary>
public class CallbackTask : IStoreOwned
{
    public long Id { get; set; }
    public int StoreId { get; set; }
    public CallbackKind Kind { get; set; }
    /// <summary>The event's record: the transaction (delivery, repair order), for a lost customer the customer, for a call the call-log entry.</summary>
    public long SourceId { get; set; }
    /// <summary>The event's date (delivery, repair-order settlement, last visit): with kind and source, what makes a task unique.</summary>
    public DateOnly EventDate { get; set; }
    /// <summary>The customer called; 0 for a call-back to a caller who has no archive (the number is on the call-log entry).</summary>
    public long CustomerId { get; set; }
    public long? VehicleId { get; set; }
    public long? TransactionId { get; set; }
    /// <summary>First and last day of the window, business days of the store's calendar.</summary>
    public DateOnly DueOn { get; set; }
    public DateOnly DueBy { get; set; }
    /// <summary>Surveys only: after this day the survey has expired and counts as failed.</summary>
    public DateOnly? ExpiresOn { get; set; }
    public CallbackStatus Status { get; set; }
    /// <summary>Who calls: the consultant for the day-1 thank-you, otherwise a specialist who claimed it or was given it (null: the pool).</summary>
    [MaxLength(64)] public string? AssignedTo { get; set; }
    /// <summary>The consultant (sales) or advisor (service) of the event, for 表7/表8.</summary>
    [MaxLength(64)] public string? StaffUserId { get; set; }
    [MaxLength(50)] public string? StaffName { get; set; }
    /// <summary>The repair team of a repair order (表8).</summary>
    [MaxLength(30)] public string? RepairTeam { get; set; }
    /// <summary>The customer's chosen time for the next call (busy, not the owner).</summary>
    public DateTime? RescheduledTo { get; set; }
    public int FailedAttempts { get; set; }
    public CallbackOutcome? LastOutcome { get; set; }
    public DateTime? LastAttemptAt { get; set; }
    /// <summary>The questionnaire version the answers belong to.</summary>
    public int? QuestionnaireId { get; set; }
    /// <summary>The lowest score given (a survey answer or the SMS reply), and its band when the task closed.</summary>
    public int? Score { get; set; }
    public SatisfactionBand? Band { get; set; }
    /// <summary>The complaint case a grievance raised during the call (or a dissatisfied score) opened; for a complaint's satisfaction callback, that complaint until then.</summary>
    public long? ComplaintId { get; set; }
    public long? SmsMessageId { get; set; }
    /// <summary>Owner confirmation: the archive's data were right as they stood.</summary>
    public bool? OwnerDataCorrect { get; set; }
    /// <summary>The person who answered when not the owner (the vehicle's user).</summary>
    [MaxLength(50)] public string? AnsweredBy { get; set; }
    [MaxLength(500)] public string? Note { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ClosedAt { get; set; }
    [MaxLength(64)] public string? ClosedBy { get; set; }
    public int Version { get; set; }
}

/// <summary>One call attempt and what came of it (the failures are 表3's lines).</summary>
public class CallbackAttempt : IStoreOwned
{
    public long Id { get; set; }
    public int StoreId { get; set; }
    public long TaskId { get; set; }
    public DateTime At { get; set; }
    [MaxLength(64)] public string? ByUserId { get; set; }
    [MaxLength(50)] public string? ByName { get; set; }
    public CallbackOutcome Outcome { get; set; }
    public DateTime? RescheduledTo { get; set; }
    [MaxLength(500)] public string? Note { get; set; }
}

/// <summary>An answer to one question of the task's questionnaire version.</summary>
public class CallbackAnswer
{
    public long Id { get; set; }
    public long TaskId { get; set; }
    public int QuestionId { get; set; }
    public int? Score { get; set; }
    public bool? YesNo { get; set; }
    [MaxLength(50)] public string? Choice { get; set; }
    [MaxLength(1000)] public string? Text { get; set; }
}

public class CallbackTaskConfiguration : IEntityTypeConfiguration<CallbackTask>
{
    public void Configure(EntityTypeBuilder<CallbackTask> e)
    {
        // Replaying an event never makes a second task: the database refuses it.
        e.HasIndex(x => new { x.Kind, x.SourceId, x.EventDate }).IsUnique();
        e.HasIndex(x => new { x.StoreId, x.Status, x.DueOn });
        e.HasIndex(x => new { x.AssignedTo, x.Status, x.DueOn });
        e.HasIndex(x => x.CustomerId);
        e.HasIndex(x => x.TransactionId);
        e.Property(x => x.Version).IsConcurrencyToken();
    }
}

public class CallbackAttemptConfiguration : IEntityTypeConfiguration<CallbackAttempt>
{
    public void Configure(EntityTypeBuilder<CallbackAttempt> e)
    {
        e.HasIndex(x => new { x.TaskId, x.At });
        e.HasIndex(x => new { x.StoreId, x.At });
    }
}

public class CallbackAnswerConfiguration : IEntityTypeConfiguration<CallbackAnswer>
{
    public void Configure(EntityTypeBuilder<CallbackAnswer> e) => e.HasIndex(x => new { x.TaskId, x.QuestionId }).IsUnique();
}
