using Dcrc.Features.Customers;

namespace Dcrc.Features.Vehicles;

/// <summary>The vehicle file under <c>/api/v1</c>: one vehicle's timeline.</summary>
public static class VehiclesApi
{
    public static RouteGroupBuilder MapVehiclesApi(this RouteGroupBuilder api)
    {
        api.MapGet("/vehicles/{vin}/timeline", Timeline).RequireAuthorization(CustomerPermissions.Read.Policy)
            .WithSummary("A vehicle's file as a timeline: purchase, delivery, sale, repair orders, interactions, documents");
        return api;
    }

    public static async Task<IResult> Timeline(string vin, VehicleTimeline timeline)
    {
        var (view, refused) = await timeline.ForVinAsync(vin);
        if (view is null) return refused == VehicleTimeline.Refusal.Forbidden ? TypedResults.Forbid() : TypedResults.NotFound();
        return TypedResults.Ok(new { view.Vehicle.Vin, view.Vehicle.PlateNumber, view.Vehicle.Model, CustomerId = view.Owner.Id, view.Owner.ArchiveNumber, view.Events });
    }
}
