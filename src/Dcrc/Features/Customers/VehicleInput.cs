using System.ComponentModel.DataAnnotations;

namespace Dcrc.Features.Customers;

public sealed class VehicleInput
{
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Field.Vin")] public string? Vin { get; set; }
    [Display(Name = "Field.PlateNumber")] public string? PlateNumber { get; set; }
    [StringLength(50, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.Series")] public string? Series { get; set; }
    [StringLength(80, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.Model")] public string? Model { get; set; }
    [StringLength(30, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.ExteriorColour")] public string? ExteriorColour { get; set; }
    [Display(Name = "Field.PurchaseDate")] public DateOnly? PurchaseDate { get; set; }
    [Display(Name = "Field.DeliveryDate")] public DateOnly? DeliveryDate { get; set; }
    [Range(0, 2_000_000, ErrorMessage = "Validation.Range"), Display(Name = "Field.Mileage")] public int? Mileage { get; set; }
    [StringLength(50, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.DriverName")] public string? DriverName { get; set; }
    [Display(Name = "Field.DriverMobile")] public string? DriverMobile { get; set; }
    [Display(Name = "Field.BoughtHere")] public bool BoughtHere { get; set; } = true;
    [StringLength(100, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.Trim")] public string? Trim { get; set; }
    [StringLength(20, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.Sfx")] public string? Sfx { get; set; }
    [StringLength(30, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.InteriorColour")] public string? InteriorColour { get; set; }
    [StringLength(40, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.CertificateNumber")] public string? CertificateNumber { get; set; }
    [StringLength(40, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.InvoiceNumber")] public string? InvoiceNumber { get; set; }
    [Display(Name = "Field.InsuredHere")] public bool InsuredHere { get; set; }
    [StringLength(40, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.PolicyNumber")] public string? PolicyNumber { get; set; }
    [Display(Name = "Field.InsuranceDate")] public DateOnly? InsuranceDate { get; set; }
    [Display(Name = "Field.InsuranceExpiry")] public DateOnly? InsuranceExpiry { get; set; }
    [Display(Name = "Field.AnnualInspectionDate")] public DateOnly? AnnualInspectionDate { get; set; }
    /// <summary>The sales consultant, a user of the customer's store.</summary>
    [Display(Name = "Field.SalesConsultant")] public string? SalesConsultantId { get; set; }
    /// <summary>钥匙密码 / 音响密码: stored encrypted, never shown back; left empty on an update they stay as they are.</summary>
    [StringLength(40, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.KeyCode")] public string? KeyCode { get; set; }
    [StringLength(40, ErrorMessage = "Validation.StringLength"), Display(Name = "Field.AudioCode")] public string? AudioCode { get; set; }
    /// <summary>On update: the version read; a save over someone else's change is refused.</summary>
    public int? Version { get; set; }

    /// <summary>A copy to resolve masked numbers in, so a refused form never shows the stored ones.</summary>
    public VehicleInput Copy() => (VehicleInput)MemberwiseClone();

    public static VehicleInput From(Vehicle v) => new()
    {
        Vin = v.Vin, PlateNumber = v.PlateNumber, Series = v.Series, Model = v.Model, ExteriorColour = v.ExteriorColour, PurchaseDate = v.PurchaseDate,
        DeliveryDate = v.DeliveryDate, Mileage = v.Mileage, DriverName = v.DriverName, DriverMobile = v.DriverMobile, BoughtHere = v.BoughtHere, Trim = v.Trim,
        Sfx = v.Sfx, InteriorColour = v.InteriorColour, CertificateNumber = v.CertificateNumber, InvoiceNumber = v.InvoiceNumber, InsuredHere = v.InsuredHere,
        PolicyNumber = v.PolicyNumber, InsuranceDate = v.InsuranceDate, InsuranceExpiry = v.InsuranceExpiry, AnnualInspectionDate = v.AnnualInspectionDate,
        SalesConsultantId = v.SalesConsultantId, Version = v.Version,
    };
}
