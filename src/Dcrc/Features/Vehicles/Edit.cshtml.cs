using Dcrc.Kernel.Writes;
using Dcrc.Features.Customers;
using Dcrc.Features.Shared;
using Dcrc.Kernel.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dcrc.Features.Vehicles;

/// <summary>Changing a vehicle's file (plate, insurance, inspection, driver…); the VIN stays, every change goes into the owner's history.</summary>
[RequirePermission("customers.write")]
public class EditModel(VehicleRegister register, VehicleTimeline timeline, Data.DcrcDb db) : PageModel
{
    [FromRoute] public string Vin { get; set; } = "";
    [BindProperty] public VehicleInput Input { get; set; } = new();
    public long CustomerId { get; private set; }
    /// <summary>The store's active users, for the sales consultant.</summary>
    public List<(string Id, string Name)> Staff { get; private set; } = [];

    private async Task LoadStaffAsync(int storeId) =>
        Staff = (await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(db.Users.Where(u => u.IsActive && u.Stores.Any(s => s.StoreId == storeId))
            .OrderBy(u => u.UserName).Select(u => new { u.Id, u.DisplayName }))).Select(u => (u.Id, u.DisplayName)).ToList();

    public async Task<IActionResult> OnGetAsync()
    {
        var (view, refused) = await timeline.ForVinAsync(Vin);
        if (view is null) return refused == VehicleTimeline.Refusal.Forbidden ? Forbid() : NotFound();
        Input = VehicleInput.From(view.Vehicle);
        Input.DriverMobile = Kernel.Identifiers.Phone.Mask(view.Vehicle.DriverMobile);
        CustomerId = view.Owner.Id;
        await LoadStaffAsync(view.Vehicle.StoreId);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        // The VIN is the page's, not a form field.
        Input.Vin = Vin;
        ModelState.Remove("Input.Vin");
        if (ModelState.IsValid)
        {
            var written = await register.UpdateAsync(Vin, Input);
            if (written.OutOfReach() is { } away) return away;
            if (written.Saved) return Redirect($"/Vehicles/{written.Value!.Vin}");
            written.AddTo(ModelState, "Input", "version");
        }
        var (view, _) = await timeline.ForVinAsync(Vin);
        if (view != null) await LoadStaffAsync(view.Vehicle.StoreId);
        return Page();
    }
}
