using System.ComponentModel.DataAnnotations;

namespace Dcrc.Features.Customers.Records;

public sealed class InteractionInput
{
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Field.Channel")] public InteractionChannel? Channel { get; set; }
    /// <summary>When it happened; now when left out. Not in the future.</summary>
    [Display(Name = "Field.InteractionAt")] public DateTimeOffset? At { get; set; }
    [Required(ErrorMessage = "Validation.Required"), StringLength(500, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.Summary")]
    public string? Summary { get; set; }
    [StringLength(200, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.Outcome")] public string? Outcome { get; set; }
    [Display(Name = "Field.Vehicle")] public long? VehicleId { get; set; }
}

public sealed class TransactionInput
{
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Field.TransactionKind")] public TransactionKind? Kind { get; set; }
    /// <summary>Required for repair orders: maintenance, repair, bodywork or warranty.</summary>
    [Display(Name = "Field.RepairType")] public RepairType? RepairType { get; set; }
    [Required(ErrorMessage = "Validation.Required"), StringLength(40, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.TransactionNumber")]
    public string? Number { get; set; }
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Field.TransactionDate")] public DateOnly? Date { get; set; }
    [Range(0, 100_000_000, ErrorMessage = "Validation.Range"), Display(Name = "Field.Amount")] public decimal? Amount { get; set; }
    [Range(0, 2_000_000, ErrorMessage = "Validation.Range"), Display(Name = "Field.Mileage")] public int? Mileage { get; set; }
    /// <summary>The odometer was changed (or reset): a mileage below the last repair order's is then accepted and counted from afresh.</summary>
    [Display(Name = "Field.OdometerChanged")] public bool OdometerChanged { get; set; }
    /// <summary>The vehicle; required for sales and repair orders.</summary>
    [Display(Name = "Field.Vehicle")] public long? VehicleId { get; set; }
    /// <summary>The consultant or advisor as a user of the store; or <see cref="StaffName"/> for someone without an account.</summary>
    [Display(Name = "Field.Staff")] public string? StaffUserId { get; set; }
    [StringLength(50, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.Staff")] public string? StaffName { get; set; }
    [StringLength(30, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.RepairTeam")] public string? RepairTeam { get; set; }
    [StringLength(100, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.Place")] public string? Place { get; set; }
    [Display(Name = "Field.Breach")] public bool Breach { get; set; }
    [StringLength(500, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.Note")] public string? Note { get; set; }
}

public sealed class DocumentInput
{
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Field.DocumentType")] public DocumentType? Type { get; set; }
    [Display(Name = "Field.DocumentForm")] public DocumentForm? Form { get; set; }
    [StringLength(100, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.DocumentTitle")] public string? Title { get; set; }
    /// <summary>Pages of the paper original; counted from a PDF when left out, 1 for an image.</summary>
    [Range(1, 2000, ErrorMessage = "Validation.Range"), Display(Name = "Field.Pages")] public int? Pages { get; set; }
    [Display(Name = "Field.Vehicle")] public long? VehicleId { get; set; }
    [Display(Name = "Field.Transaction")] public long? TransactionId { get; set; }
}
