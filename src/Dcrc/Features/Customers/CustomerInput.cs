using System.ComponentModel.DataAnnotations;
using Dcrc.Kernel.Identifiers;

namespace Dcrc.Features.Customers;

public sealed class AddressInput
{
    [StringLength(20, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.Province")] public string? Province { get; set; }
    [StringLength(20, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.City")] public string? City { get; set; }
    [StringLength(20, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.District")] public string? District { get; set; }
    [StringLength(200, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.AddressDetail")] public string? Detail { get; set; }
}

/// <summary>A customer as the API and the forms send it. Identifiers are checked by Kernel/Identifiers.</summary>
public sealed class CustomerInput
{
    [Display(Name = "Field.CustomerType")] public CustomerType Type { get; set; }
    [Required(ErrorMessage = "Validation.Required"), StringLength(100, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.CustomerName")]
    public string? Name { get; set; }
    [Display(Name = "Field.Mobile")] public string? Mobile { get; set; }
    [Display(Name = "Field.Landline")] public string? Landline { get; set; }
    [Display(Name = "Field.IdNumber")] public string? IdNumber { get; set; }
    [Display(Name = "Field.CreditCode")] public string? CreditCode { get; set; }
    [Display(Name = "Field.Gender")] public Gender? Gender { get; set; }
    [Display(Name = "Field.Birthday")] public DateOnly? Birthday { get; set; }
    public AddressInput? Address { get; set; }
    [Display(Name = "Field.Postcode")] public string? Postcode { get; set; }
    [Display(Name = "Field.Email")] public string? Email { get; set; }
    [StringLength(50, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.WeChat")] public string? WeChat { get; set; }
    [Display(Name = "Field.CustomerClass")] public CustomerClass? Class { get; set; }
    [Display(Name = "Field.CustomerKind")] public CustomerKind? Kind { get; set; }
    [Display(Name = "Field.Owner")] public string? OwnerUserId { get; set; }
    [StringLength(1000, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.Notes")] public string? Notes { get; set; }
    /// <summary>On update: the version read; a save over someone else's change is refused.</summary>
    public int? Version { get; set; }
}
