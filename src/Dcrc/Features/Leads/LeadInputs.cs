using System.ComponentModel.DataAnnotations;
using Dcrc.Kernel.Identifiers;

namespace Dcrc.Features.Leads;

/// <summary>潜在客户信息收集表: the lead as recorded (create and edit).</summary>
public sealed class LeadInput
{
    [Required(ErrorMessage = "Validation.Required"), StringLength(50, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.PersonName")] public string? Name { get; set; }
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Field.Mobile")] public string? Mobile { get; set; }
    [Display(Name = "Field.Gender")] public Gender Gender { get; set; }
    [StringLength(50, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.Region")] public string? Region { get; set; }
    [StringLength(50, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.Series")] public string? Series { get; set; }
    [StringLength(50, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.Model")] public string? Model { get; set; }
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Field.IntentLevel")] public string? IntentLevel { get; set; }
    [StringLength(30, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.Budget")] public string? Budget { get; set; }
    [Display(Name = "Field.PurchaseTiming")] public PurchaseTiming PurchaseTiming { get; set; }
    [Display(Name = "Field.Payment")] public PaymentMethod Payment { get; set; }
    [StringLength(100, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.CompetingBrands")] public string? CompetingBrands { get; set; }
    [Display(Name = "Field.TradeIn")] public bool TradeIn { get; set; }
    [StringLength(100, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.TradeInNote")] public string? TradeInNote { get; set; }
    [Display(Name = "Field.VisitAt")] public DateTimeOffset? VisitAt { get; set; }
    [Range(0, 720, ErrorMessage = "Validation.Range"), Display(Name = "Field.VisitMinutes")] public int? VisitMinutes { get; set; }
    [StringLength(100, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.Companions")] public string? Companions { get; set; }
    [StringLength(1000, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.Needs")] public string? Needs { get; set; }
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Field.LeadSource")] public LeadSource? Source { get; set; }
    /// <summary>The consultant to follow it (reception and managers); a consultant recording a lead follows it.</summary>
    [Display(Name = "Field.Consultant")] public string? ConsultantUserId { get; set; }
    [Display(Name = "Field.Store")] public int? StoreId { get; set; }
    /// <summary>Editing only: the version as read.</summary>
    public int? Version { get; set; }
}

/// <summary>One follow-up attempt (a line of 潜在客户跟踪表).</summary>
public sealed class AttemptInput
{
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Field.LeadFeedback")] public LeadFeedback? Result { get; set; }
    /// <summary>When the call was made (default now); not in the future, at most a week back.</summary>
    [Display(Name = "Field.AttemptAt")] public DateTimeOffset? At { get; set; }
    [StringLength(500, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.Remark")] public string? Remark { get; set; }
    [Required(ErrorMessage = "Validation.Required"), StringLength(50, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.ConsultantName")]
    public string? ConsultantName { get; set; }
    /// <summary>The next follow-up day (store date); default by the rules (a failed call: the next slot; else the level's cadence).</summary>
    [Display(Name = "Field.NextFollowUpOn")] public DateOnly? NextFollowUpOn { get; set; }
    /// <summary>A new intent level, when the call changed it.</summary>
    [Display(Name = "Field.IntentLevel")] public string? IntentLevel { get; set; }
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Field.Version")] public int? Version { get; set; }
}

public sealed class AssignInput
{
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Field.Consultant")] public string? ConsultantUserId { get; set; }
    [StringLength(500, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.Note")] public string? Note { get; set; }
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Field.Version")] public int? Version { get; set; }
}

public sealed class VersionInput
{
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Field.Version")] public int? Version { get; set; }
}

/// <summary>战败: why, which competitor, a note, whether an interest remains.</summary>
public sealed class LostInput
{
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Field.LostReason")] public LostReason? Reason { get; set; }
    [StringLength(50, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.LostCompetitor")] public string? Competitor { get; set; }
    [StringLength(500, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.Note")] public string? Note { get; set; }
    [Display(Name = "Field.KeepsInterest")] public bool KeepsInterest { get; set; }
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Field.Version")] public int? Version { get; set; }
}

/// <summary>The sales manager's decision on a lost lead: approve, or refuse with a note.</summary>
public sealed class LostDecisionInput
{
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Field.Approve")] public bool? Approve { get; set; }
    [StringLength(500, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.Note")] public string? Note { get; set; }
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Field.Version")] public int? Version { get; set; }
}

/// <summary>来店登记: a showroom visit as reception records it, quickly — who, when in and out, how many, which model, who received them, test drive.</summary>
public sealed class VisitInput
{
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Field.Mobile")] public string? Mobile { get; set; }
    /// <summary>Required when the mobile has no open lead yet (a new visitor).</summary>
    [StringLength(50, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.PersonName")] public string? Name { get; set; }
    [Display(Name = "Field.ArrivedAt")] public DateTimeOffset? ArrivedAt { get; set; }
    [Display(Name = "Field.LeftAt")] public DateTimeOffset? LeftAt { get; set; }
    [Range(1, 30, ErrorMessage = "Validation.Range"), Display(Name = "Field.PartySize")] public int PartySize { get; set; } = 1;
    [StringLength(50, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.Model")] public string? Model { get; set; }
    [Display(Name = "Field.IntentLevel")] public string? IntentLevel { get; set; }
    [Display(Name = "Field.Consultant")] public string? ConsultantUserId { get; set; }
    [Display(Name = "Field.TestDrive")] public bool TestDrive { get; set; }
    [Display(Name = "Field.Store")] public int? StoreId { get; set; }
}

/// <summary>The OEM's check of the dealer's feedback on a batch lead (seed 000 考核目标).</summary>
public sealed class OemCheckInput
{
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Field.OemFeedbackTrue")] public bool? FeedbackTrue { get; set; }
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Field.OemInfoAccurate")] public bool? InfoAccurate { get; set; }
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Field.OemOffered")] public bool? Offered { get; set; }
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Field.Version")] public int? Version { get; set; }
}

/// <summary>The OEM takes a lead back (转出): why — no contact, a feedback untrue to the wish, late.</summary>
public sealed class TransferInput
{
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Field.TransferReason")] public TransferReason? Reason { get; set; }
    [StringLength(500, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.Note")] public string? Note { get; set; }
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Field.Version")] public int? Version { get; set; }
}

/// <summary>The planned delivery of an ordered lead (交车时间): the reminders count back from it.</summary>
public sealed class DeliveryInput
{
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Field.PlannedDeliveryAt")] public DateTimeOffset? PlannedAt { get; set; }
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Field.Version")] public int? Version { get; set; }
}
