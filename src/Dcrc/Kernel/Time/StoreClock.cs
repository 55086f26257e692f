using Dcrc.Data;
using Dcrc.Kernel.Access;
using Microsoft.EntityFrameworkCore;

namespace Dcrc.Kernel.Time;

/// <summary>
/// The current store's time zone and local date, looked up once per request (scoped); the group's zone when no
/// store is chosen. Lists, badges and reports that speak of "today" ask here.
/// </summary>
public class StoreClock(DcrcDb db, StoreScope scope, TimeProvider clock)
{
    private readonly Dictionary<int, TimeZoneInfo> _zones = [];

    /// <summary>The zone of a store (the current one when none is given).</summary>
    public async Task<TimeZoneInfo> ZoneAsync(int? storeId = null)
    {
        if ((storeId ?? scope.CurrentStoreId) is not { } id) return StoreTime.GroupZone;
        if (!_zones.TryGetValue(id, out var zone))
            _zones[id] = zone = StoreTime.Zone(await db.Stores.Where(s => s.Id == id).Select(s => s.TimeZone).FirstOrDefaultAsync());
        return zone;
    }

    public async Task<DateOnly> TodayAsync(int? storeId = null) => StoreTime.DateOf(clock.GetUtcNow().UtcDateTime, await ZoneAsync(storeId));

    /// <summary>The instant the store's today ends (its next local midnight), in UTC.</summary>
    public async Task<DateTime> EndOfTodayAsync(int? storeId = null)
    {
        var zone = await ZoneAsync(storeId);
        return StoreTime.ToUtc(StoreTime.DateOf(clock.GetUtcNow().UtcDateTime, zone).AddDays(1).ToDateTime(TimeOnly.MinValue), zone);
    }
}
