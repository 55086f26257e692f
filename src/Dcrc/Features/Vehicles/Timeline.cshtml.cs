using Dcrc.Features.Customers;
using Dcrc.Kernel.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dcrc.Features.Vehicles;

/// <summary>A vehicle's file as a timeline per VIN; opening it is an audited read of the owner's archive.</summary>
[RequirePermission("customers.read")]
public class TimelineModel(VehicleTimeline timeline, VehicleRegister register, Customers.Cards.IVehicleMaintenance maintenance, Kernel.Time.StoreClock storeClock, CurrentUser me) : PageModel
{
    [FromRoute] public string Vin { get; set; } = "";
    public VehicleTimeline.View View { get; private set; } = null!;
    public bool CanWrite { get; private set; }
    public bool CanRevealCodes { get; private set; }
    public VehicleRegister.Codes? Codes { get; private set; }
    /// <summary>The next maintenance as forecast (none: nothing to count from yet).</summary>
    public Customers.Cards.NextMaintenance? Next { get; private set; }
    public DateOnly Today { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var (view, refused) = await timeline.ForVinAsync(Vin);
        if (view is null) return refused == VehicleTimeline.Refusal.Forbidden ? Forbid() : NotFound();
        View = view;
        CanWrite = await me.CanAsync(Customers.CustomerPermissions.Write);
        CanRevealCodes = await me.CanAsync(Customers.CustomerPermissions.VehicleCodes);
        Next = (await maintenance.NextAsync([view.Vehicle.Id])).GetValueOrDefault(view.Vehicle.Id);
        Today = await storeClock.TodayAsync(view.Vehicle.StoreId);
        return Page();
    }

    public async Task<IActionResult> OnPostCodesAsync()
    {
        if (!await me.CanAsync(Customers.CustomerPermissions.VehicleCodes)) return Forbid();
        if (await OnGetAsync() is not PageResult page) return NotFound();
        var (_, codes) = await register.RevealCodesAsync(Vin);
        Codes = codes;
        return page;
    }
}
