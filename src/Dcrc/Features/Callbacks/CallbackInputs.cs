using Dcrc.Kernel.Cases;
using System.ComponentModel.DataAnnotations;

namespace Dcrc.Features.Callbacks;

/// <summary>What the specialist records after a call.</summary>
public sealed class OutcomeInput
{
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Field.CallbackOutcome")] public CallbackOutcome? Outcome { get; set; }
    /// <summary>Busy or not the owner: when to call again (the customer's choice).</summary>
    [Display(Name = "Field.RescheduleTo")] public DateTimeOffset? RescheduleTo { get; set; }
    [StringLength(500, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.Note")] public string? Note { get; set; }
    /// <summary>Survey answers (success only), one per question of the current questionnaire.</summary>
    public List<AnswerInput> Answers { get; set; } = [];
    /// <summary>The customer voiced a grievance: it opens a case (表5) whatever the scores.</summary>
    [Display(Name = "Field.Grievance")] public bool Grievance { get; set; }
    [Display(Name = "Field.GrievanceCategory")] public ComplaintCategory? GrievanceCategory { get; set; }
    [StringLength(1000, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.GrievanceText")] public string? GrievanceText { get; set; }
    /// <summary>The day-3 owner confirmation (success only).</summary>
    public OwnerConfirmationInput? Confirmation { get; set; }
    /// <summary>The task's version as read: a stale one is refused, not overwritten.</summary>
    public int? Version { get; set; }
}

public sealed class AnswerInput
{
    public int QuestionId { get; set; }
    public int? Score { get; set; }
    public bool? YesNo { get; set; }
    [StringLength(50, ErrorMessage = "Validation.StringLength")] public string? Choice { get; set; }
    [StringLength(1000, ErrorMessage = "Validation.StringLength")] public string? Text { get; set; }
}

/// <summary>New-owner information confirmation (SPEC §4): right as it stands, or the corrections.</summary>
public sealed class OwnerConfirmationInput
{
    [Display(Name = "Field.OwnerDataCorrect")] public bool DataCorrect { get; set; } = true;
    [StringLength(100, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.Name")] public string? Name { get; set; }
    [Display(Name = "Field.Mobile")] public string? Mobile { get; set; }
    [StringLength(200, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.MailingAddress")] public string? MailingAddress { get; set; }
    [Display(Name = "Field.Postcode")] public string? Postcode { get; set; }
    /// <summary>The person who answered, when the user and not the owner.</summary>
    [StringLength(50, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.AnsweredBy")] public string? AnsweredBy { get; set; }
}

public sealed class AssignInput
{
    public List<long> TaskIds { get; set; } = [];
    /// <summary>The specialist to give them to; empty puts them back in the pool.</summary>
    [Display(Name = "Field.AssignTo")] public string? UserId { get; set; }
}

/// <summary>The right details found for a task on the invalid-information list (表4): the mobile, and optionally the name and another phone.</summary>
public sealed class CorrectNumberInput
{
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Field.CorrectMobile")] public string? Mobile { get; set; }
    [StringLength(100, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.CorrectName")] public string? Name { get; set; }
    /// <summary>Another number to reach the customer on (mobile or landline), kept on the 表4 line.</summary>
    [StringLength(20, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.OtherPhone")] public string? OtherPhone { get; set; }
    [StringLength(500, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.Note")] public string? Note { get; set; }
    /// <summary>The task's version as read: a stale one is refused.</summary>
    public int? Version { get; set; }
}
