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
    public bool BoughtHere { get; set; } = true;
}
