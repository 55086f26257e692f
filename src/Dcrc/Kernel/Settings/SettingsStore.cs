using Dcrc.Data;
using Dcrc.Kernel.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Dcrc.Kernel.Settings;

/// <summary>
/// Reads and writes business settings. A value resolves store → group → the seed's default. The table is
/// small (stores × settings), so it is read whole and cached briefly.
/// </summary>
public class SettingsStore(DcrcDb db, IMemoryCache cache, AuditLog audit, Writes.UnitOfWork uow, TimeProvider clock)
{
    private const string CacheKey = "settings:all";

    private async Task<List<SettingValue>> AllAsync() =>
        (await cache.GetOrCreateAsync(CacheKey, async e =>
        {
            e.AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(30);
            return await db.SettingValues.AsNoTracking().ToListAsync();
        }))!;

    public async Task<int> GetAsync(IntSetting setting, int? storeId) => setting.Parse(await GetTextAsync(setting, storeId));

    public async Task<string> GetTextAsync(SettingDefinition setting, int? storeId) => (await ResolveAsync(setting, storeId)).Value;

    public enum Source { Default, Group, Store }
    public sealed record Resolved(string Value, Source Source, SettingValue? Row);

    public async Task<Resolved> ResolveAsync(SettingDefinition setting, int? storeId)
    {
        var rows = await AllAsync();
        var own = rows.FirstOrDefault(r => r.Key == setting.Key && r.StoreId == storeId);
        if (own != null) return new(own.Value, storeId == null ? Source.Group : Source.Store, own);
        var group = storeId == null ? null : rows.FirstOrDefault(r => r.Key == setting.Key && r.StoreId == null);
        return group != null ? new(group.Value, Source.Group, null) : new(setting.DefaultText, Source.Default, null);
    }

    public sealed record Change(string Key, string? Value, int? Version);
    public sealed record FieldError(string Key, string MessageKey, object?[] Args);

    /// <summary>
    /// Saves the given values for one level (a store, or the group when <paramref name="storeId"/> is null).
    /// An empty value removes the override. Everything is validated first; one bad value saves nothing.
    /// </summary>
    public async Task<IReadOnlyList<FieldError>> SaveAsync(int? storeId, IEnumerable<Change> changes, string? storeLabel)
    {
        var errors = new List<FieldError>();
        var plan = new List<(SettingDefinition Def, string? Value, int? Version)>();
        foreach (var c in changes)
        {
            var def = SettingsCatalog.Find(c.Key);
            if (def is null) { errors.Add(new(c.Key, "Validation.UnknownSetting", [])); continue; }
            if (string.IsNullOrWhiteSpace(c.Value)) { plan.Add((def, null, c.Version)); continue; }
            if (!def.TryNormalise(c.Value, out var value, out var err, out var args)) errors.Add(new(c.Key, err!, args));
            else plan.Add((def, value, c.Version));
        }
        if (errors.Count > 0) return errors;

        var keys = plan.Select(p => p.Def.Key).ToList();
        var rows = await db.SettingValues.Where(r => r.StoreId == storeId && keys.Contains(r.Key)).ToListAsync();
        // Someone else saved this setting since the form was read: nothing is changed.
        if (plan.FirstOrDefault(p => rows.FirstOrDefault(r => r.Key == p.Def.Key)?.Version != p.Version) is { Def: { } stale })
            return [new(stale.Key, "Validation.Concurrency", [])];
        var now = clock.GetUtcNow().UtcDateTime;
        var changed = new List<(string Key, string? Old, string? New)>();
        foreach (var (def, value, _) in plan)
        {
            var row = rows.FirstOrDefault(r => r.Key == def.Key);
            if (row?.Value == value) continue;
            changed.Add((def.Key, row?.Value, value));
            if (value is null) db.SettingValues.Remove(row!);
            else if (row is null) db.SettingValues.Add(new SettingValue { StoreId = storeId, Key = def.Key, Value = value, UpdatedAt = now, UpdatedBy = audit.ActorName });
            else { row.Value = value; row.UpdatedAt = now; row.UpdatedBy = audit.ActorName; }
        }
        foreach (var c in changed) uow.Audit(new(AuditActions.SettingChanged, $"{storeLabel}: {c.Key} {c.Old ?? "-"} → {c.New ?? "-"}", "Setting", c.Key, storeId));
        // A concurrent insert of the same (store, key) or an update that matched no row.
        var saved = await uow.SaveAsync(changed.Count, taken: uow.Conflict<int>);
        if (!saved.Saved) return [new(changed.FirstOrDefault().Key ?? keys.FirstOrDefault() ?? "", "Validation.Concurrency", [])];
        cache.Remove(CacheKey);
        return [];
    }
}
