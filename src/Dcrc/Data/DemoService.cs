using Dcrc.Features.Service;
using Dcrc.Kernel.Access;

namespace Dcrc.Data;

/// <summary>
/// The demo's maintenance plans (the Toyota models: first maintenance at 5,000 km or 6 months, then every 10,000 km or
/// 6 months; the SUVs every 5,000 km), and the forecasts of the demo vehicles counted from their two years of repair
/// orders — as the nightly job would.
/// </summary>
public class DemoService(DcrcDb db, Forecasts forecasts, TimeProvider clock)
{
    public async Task SeedAsync(Store store)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        MaintenancePlan Plan(string model, int intervalKm) => new()
        {
            StoreId = store.Id, Series = "丰田", Model = model, FirstKm = 5000, FirstMonths = 6, IntervalKm = intervalKm, IntervalMonths = 6, UpdatedAt = now, UpdatedBy = "演示数据",
        };
        db.MaintenancePlans.AddRange(Plan("", 10000), Plan("RAV4荣放", 5000), Plan("汉兰达", 5000));
        await db.SaveChangesAsync();
        await forecasts.RecountStoreAsync(store.Id);
    }
}
