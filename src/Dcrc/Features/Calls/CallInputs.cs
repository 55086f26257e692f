using Dcrc.Kernel.Cases;
using System.ComponentModel.DataAnnotations;

namespace Dcrc.Features.Calls;

/// <summary>A call as the agent logs it: a new one by its number, or a ringing / missed call the telephony system reported (<see cref="CallId"/>).</summary>
public sealed class CallInput
{
    /// <summary>The caller's number in any spelling (required unless <see cref="CallId"/> is given).</summary>
    [StringLength(40, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.CallNumber")] public string? Number { get; set; }
    /// <summary>The call-log entry of a ringing or missed call to fill in.</summary>
    [Display(Name = "Field.Call")] public long? CallId { get; set; }
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Field.CallPurpose")] public CallPurpose? Purpose { get; set; }
    [StringLength(50, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.CallerName")] public string? CallerName { get; set; }
    /// <summary>A complaint call's category (kept for purpose complaint only), carried over to the complaint form.</summary>
    [Display(Name = "Field.ComplaintCategory")] public ComplaintCategory? ComplaintCategory { get; set; }
    [Required(ErrorMessage = "Validation.Required"), StringLength(1000, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.CallContent")]
    public string? Content { get; set; }
    [StringLength(1000, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.CallHandling")] public string? Handling { get; set; }
    /// <summary>A call-back is owed: at <see cref="PromisedCallbackAt"/>, or within the setting's hours when no time was agreed.</summary>
    [Display(Name = "Field.CallbackOwed")] public bool CallbackOwed { get; set; }
    [Display(Name = "Field.PromisedCallbackAt")] public DateTimeOffset? PromisedCallbackAt { get; set; }
    /// <summary>The caller's archive; left out, the only customer the number belongs to.</summary>
    [Display(Name = "Field.Customer")] public long? CustomerId { get; set; }
    [Display(Name = "Field.Vehicle")] public long? VehicleId { get; set; }
    /// <summary>When the call was taken (a new entry only); now when left out.</summary>
    [Display(Name = "Field.CallAt")] public DateTimeOffset? At { get; set; }
    [StringLength(20, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.Line")] public string? Line { get; set; }
    /// <summary>The store that took the call, when the user works for several and none is chosen.</summary>
    [Display(Name = "Field.Store")] public int? StoreId { get; set; }
    /// <summary>The version of the reported call as read.</summary>
    public int? Version { get; set; }
}

/// <summary>What the telephony system posts when a call rings on a line (or was not answered: <see cref="Missed"/>).</summary>
public sealed class IncomingCallInput
{
    [Required(ErrorMessage = "Validation.Required"), StringLength(40, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.CallNumber")]
    public string? Number { get; set; }
    [Required(ErrorMessage = "Validation.Required"), StringLength(20, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.Line")]
    public string? Line { get; set; }
    /// <summary>The telephony system's id of the call: a retry or replay of the push is recorded once.</summary>
    [Required(ErrorMessage = "Validation.Required"), StringLength(100, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.ProviderCallId")]
    public string? ProviderCallId { get; set; }
    /// <summary>When it rang; now when left out.</summary>
    [Display(Name = "Field.CallAt")] public DateTimeOffset? At { get; set; }
    public bool Missed { get; set; }
    /// <summary>The caller's name, if the telephony system knows it.</summary>
    [StringLength(50, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.CallerName")] public string? CallerName { get; set; }
}

/// <summary>What the telephony system posts when a call was not answered (voicemail or hung up).</summary>
public sealed class MissedCallInput
{
    [Required(ErrorMessage = "Validation.Required"), StringLength(40, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.CallNumber")]
    public string? Number { get; set; }
    [Required(ErrorMessage = "Validation.Required"), StringLength(20, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.Line")]
    public string? Line { get; set; }
    [Display(Name = "Field.CallAt")] public DateTimeOffset? At { get; set; }
    /// <summary>The telephony system's id of the call that was not answered, when it gave one when the call rang.</summary>
    [StringLength(100, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.ProviderCallId")] public string? ProviderCallId { get; set; }
}
