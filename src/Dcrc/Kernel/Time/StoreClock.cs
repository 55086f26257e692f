using Dcrc.Data;
using Dcrc.Kernel.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Dcrc.Kernel.Time;

/// <summary>
/// The current store's time zone and local date; the group's zone when no store is chosen. Lists, badges and reports
/// that speak of "today" ask here. The stores' zones are few and seldom change: read together and cached briefly like
/// the settings (<see cref="ZonesChanged"/> when a store is saved; another instance sees the change within the expiry).
/// </summary>
public class StoreClock(DcrcDb db, StoreScope scope, IMemoryCache cache, TimeProvider clock)
{
    private const string CacheKey = "stores:zones";

    /// <summary>Forgets the cached zones (a store was added or its zone changed).</summary>
    public static void ZonesChanged(IMemoryCache cache) => cache.Remove(CacheKey);

    /// <summary>The zone of a store (the current one when none is given).</summary>
    public async Task<TimeZoneInfo> ZoneAsync(int? storeId = null)
    {
        if ((storeId ?? scope.CurrentStoreId) is not { } id) return StoreTime.GroupZone;
        var zones = await cache.GetOrCreateAsync(CacheKey, async e =>
        {
            e.AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(30);
            return (await db.Stores.AsNoTracking().Select(s => new { s.Id, s.TimeZone }).ToListAsync()).ToDictionary(s => s.Id, s => StoreTime.Zone(s.TimeZone));
        });
        if (zones!.TryGetValue(id, out var zone)) return zone;
        // A store made on another instance a moment ago.
        return StoreTime.Zone(await db.Stores.Where(s => s.Id == id).Select(s => s.TimeZone).FirstOrDefaultAsync());
    }

    /// <summary>The zones of several stores (the stores of a list's lines), by store.</summary>
    public async Task<Dictionary<int, TimeZoneInfo>> ZonesAsync(IEnumerable<int> storeIds)
    {
        var zones = new Dictionary<int, TimeZoneInfo>();
        foreach (var id in storeIds.Distinct()) zones[id] = await ZoneAsync(id);
        return zones;
    }

    public async Task<DateOnly> TodayAsync(int? storeId = null) => StoreTime.DateOf(clock.GetUtcNow().UtcDateTime, await ZoneAsync(storeId));

    /// <summary>The instant the store's today ends (its next local midnight), in UTC.</summary>
    public async Task<DateTime> EndOfTodayAsync(int? storeId = null)
    {
        var zone = await ZoneAsync(storeId);
        return StoreTime.ToUtc(StoreTime.DateOf(clock.GetUtcNow().UtcDateTime, zone).AddDays(1).ToDateTime(TimeOnly.MinValue), zone);
    }
}
