using Dcrc.Data;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Settings;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dcrc.Features.Admin.Settings;

/// <summary>
/// Business settings for the whole group or one store. A blank value inherits (store → group → the seed's
/// default, shown as the placeholder). All values are checked before any is saved.
/// </summary>
[RequirePermission("settings.manage")]
public class IndexModel(DcrcDb db, SettingsStore settings, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record Row(SettingDefinition Definition, string? Own, string Inherited, SettingsStore.Source Source, int? Version);

    [BindProperty(SupportsGet = true)] public int? StoreId { get; set; }
    public List<Store> Stores { get; private set; } = [];
    public List<Row> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync(null)) return NotFound();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Dictionary<string, string?> values, Dictionary<string, int?> versions)
    {
        var store = StoreId is { } id ? await db.Stores.FindAsync(id) : null;
        if (StoreId != null && store is null) return NotFound();
        var changes = values.Select(v => new SettingsStore.Change(v.Key, v.Value, versions.GetValueOrDefault(v.Key)));
        var errors = await settings.SaveAsync(StoreId, changes, store?.Code ?? "group");
        if (errors.Count == 0)
        {
            TempData["Flash"] = l["Common.Saved"].Value;
            return Redirect(StoreId is null ? "/Admin/Settings" : $"/Admin/Settings?storeId={StoreId}");
        }
        foreach (var e in errors)
            ModelState.AddModelError($"values[{e.Key}]", l[e.MessageKey, [l["Setting." + e.Key].Value, .. e.Args]]);
        await LoadAsync(values);
        return Page();
    }

    private async Task<bool> LoadAsync(Dictionary<string, string?>? posted)
    {
        Stores = await db.Stores.AsNoTracking().OrderBy(s => s.Code).ToListAsync();
        if (StoreId != null && Stores.All(s => s.Id != StoreId)) return false;
        foreach (var def in SettingsCatalog.All)
        {
            var own = await settings.ResolveAsync(def, StoreId);
            var ownValue = own.Row?.Value;
            var inherited = StoreId is null ? def.DefaultText : (await settings.ResolveAsync(def, null)).Value;
            var shown = posted != null && posted.TryGetValue(def.Key, out var p) ? p : ownValue;
            Rows.Add(new Row(def, shown, inherited, own.Source, own.Row?.Version));
        }
        return true;
    }
}
