using Dcrc.Kernel.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dcrc.Features.Vehicles;

/// <summary>A vehicle's file as a timeline per VIN; opening it is an audited read of the owner's archive.</summary>
[RequirePermission("customers.read")]
public class TimelineModel(VehicleTimeline timeline, CurrentUser me) : PageModel
{
    [FromRoute] public string Vin { get; set; } = "";
    public VehicleTimeline.View View { get; private set; } = null!;
    public bool CanWrite { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var (view, refused) = await timeline.ForVinAsync(Vin);
        if (view is null) return refused == VehicleTimeline.Refusal.Forbidden ? Forbid() : NotFound();
        View = view;
        CanWrite = await me.CanAsync(Customers.CustomerPermissions.Write);
        return Page();
    }
}
