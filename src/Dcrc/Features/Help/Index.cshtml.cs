using System.Globalization;
using Dcrc.Data;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Settings;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dcrc.Features.Help;

/// <summary>
/// The user guide: the section of the page the help link came from (<c>?path=</c>; <c>page</c> is every list's page
/// number), then the guide of the user's roles — or of the role picked (<c>?role=</c>) — with the rules at the
/// current store's values: the store chosen in the switcher, the user's only store, else the group's values.
/// </summary>
public class IndexModel(CurrentUser me, StoreScope scope, DcrcDb db, SettingsStore settings, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "role")] public string? Role { get; set; }
    [BindProperty(SupportsGet = true, Name = "path")] public string? ForPath { get; set; }

    public HelpSection? PageSection { get; private set; }
    /// <summary>A help link came from a page the guide has no section for: the role guide stands in.</summary>
    public bool NoPageSection { get; private set; }
    public string? BackTo { get; private set; }
    public IReadOnlyList<RoleGuide> Guides { get; private set; } = [];
    public IReadOnlyList<string> MyRoles => me.Roles;
    public string? StoreName { get; private set; }
    private readonly Dictionary<string, SettingsStore.Resolved> _values = [];

    public async Task OnGetAsync()
    {
        BackTo = HelpPages.LocalPath(ForPath);
        if (BackTo != null)
        {
            PageSection = HelpPages.Find(HelpPages.SectionOf(BackTo));
            NoPageSection = PageSection is null;
        }
        var picked = HelpRoles.Find(Role);
        Guides = picked is not null ? [picked] : [.. HelpRoles.All.Where(g => me.Roles.Contains(g.Role))];
        Role = picked?.Role;

        int? storeId = scope.CurrentStoreId ?? (!scope.AllStores && scope.StoreIds.Count == 1 ? scope.StoreIds[0] : null);
        if (storeId is { } id) StoreName = await db.Stores.AsNoTracking().Where(s => s.Id == id).Select(s => s.Name).FirstOrDefaultAsync();
        foreach (var def in SettingsCatalog.All) _values[def.Key] = await settings.ResolveAsync(def, StoreName is null ? null : storeId);
    }

    public bool IsMine(string role) => me.Roles.Contains(role);

    /// <summary>A paragraph with the current values put in.</summary>
    public string Text(HelpParagraph p) => l[p.Key, [.. p.Values.Select(v => v.Setting is not { } s ? v.Fixed.ToString("N0", CultureInfo.CurrentCulture) : v.WithUnit ? Value(s) : Number(s))]];

    /// <summary>The current value with its unit: "30 工作分钟", "2,000 yuan"; a weekday's hours, or "day off".</summary>
    public string Value(SettingDefinition d)
    {
        var number = Number(d);
        return d.Unit is SettingUnit.None or SettingUnit.Count ? number : $"{number} {l["Unit." + d.Unit]}";
    }

    private string Number(SettingDefinition d)
    {
        var raw = _values[d.Key].Value;
        if (d is IntSetting i) return i.Parse(raw).ToString("N0", CultureInfo.CurrentCulture);
        return raw.Trim() is "-" or "—" ? l["Help.DayOff"] : raw;
    }

    public string Source(SettingDefinition d) => l["Help.Source." + _values[d.Key].Source];

    /// <summary>How a time limit counts (working minutes, clock hours, working or calendar days), or null.</summary>
    public string? HowCounted(SettingDefinition d) =>
        d.Unit is SettingUnit.WorkingMinutes or SettingUnit.ClockHours or SettingUnit.WorkingDays or SettingUnit.CalendarDays ? l["UnitHelp." + d.Unit].Value : null;

    /// <summary>The link of another role's guide, keeping the page the help was opened from.</summary>
    public string RoleLink(string role) => "/Help?role=" + Uri.EscapeDataString(role) + (BackTo is null ? "" : "&path=" + Uri.EscapeDataString(BackTo));

    public static string SectionLink(HelpSection s) => s.Url is null ? "/Help" : "/Help?path=" + Uri.EscapeDataString(s.Url);
}
