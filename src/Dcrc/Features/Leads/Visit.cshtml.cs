using System.Globalization;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Time;
using Dcrc.Kernel.Writes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Dcrc.Features.Leads;

/// <summary>
/// 来店登记, keyboard-quick: reception types the mobile, the name, how many and the model, picks the consultant, Enter.
/// The visit goes to the mobile's open lead or a new walk-in lead; the DCRC's visit callback and the thank-you SMS follow.
/// Back on an empty form for the next visitor, with a link to the lead just saved.
/// </summary>
[RequirePermission("leads.create")]
public class VisitModel(LeadDesk desk, Callbacks.CallbackOpenings callbacks, Kernel.Sms.SmsOutbox outbox, CurrentUser me, StoreScope scope, StoreClock clock, TimeProvider time, Kernel.Settings.SettingsStore settings,
    IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty] public VisitInput Input { get; set; } = new();
    /// <summary>Store time of arrival and leaving (datetime-local); arrival empty is now.</summary>
    [BindProperty] public string? ArrivedLocal { get; set; }
    [BindProperty] public string? LeftLocal { get; set; }
    public IReadOnlyList<IntentLevel> Levels { get; private set; } = [];
    public List<Consultant> Consultants { get; private set; } = [];
    /// <summary>The lead of the visit just saved (TempData keeps strings, not longs).</summary>
    [TempData] public string? LastLead { get; set; }
    public long? LastLeadId => long.TryParse(LastLead, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
    public int CallbackHours { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        var zone = await clock.ZoneAsync(Input.StoreId);
        Input.ArrivedAt = Parse(ArrivedLocal, zone, "Input.ArrivedAt", "Field.ArrivedAt");
        Input.LeftAt = Parse(LeftLocal, zone, "Input.LeftAt", "Field.LeftAt");
        var errors = ModelState.Where(kv => kv.Value!.Errors.Count > 0).ToDictionary(kv => Camel(kv.Key), kv => kv.Value!.Errors.Select(e => e.ErrorMessage).ToArray());
        var r = await desk.VisitAsync(Input, callbacks, outbox, errors.Count > 0 ? errors : null);
        if (r.Saved)
        {
            TempData["Flash"] = l["Leads.VisitRecorded", Lead.NumberOf(r.Value!.LeadId), r.Value.ConsultantName ?? l["Leads.Unassigned"].Value].Value;
            LastLead = r.Value.LeadId.ToString(CultureInfo.InvariantCulture);
            return LocalRedirect("/Leads/Visit");
        }
        ModelState.Clear();
        r.AddTo(ModelState, "Input");
        await LoadAsync();
        return Page();
    }

    private DateTimeOffset? Parse(string? text, TimeZoneInfo zone, string key, string field)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            return new DateTimeOffset(StoreTime.ToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone), TimeSpan.Zero);
        ModelState.AddModelError(key, l["Validation.InvalidValue", l[field]]);
        return null;
    }

    private static string Camel(string key) => key.StartsWith("Input.", StringComparison.Ordinal) ? char.ToLowerInvariant(key[6]) + key[7..] : key;

    private async Task LoadAsync()
    {
        var store = Input.StoreId ?? scope.CurrentStoreId ?? (me.StoreIds.Count == 1 ? me.StoreIds[0] : null);
        if (store is not { } s) return;
        Levels = await desk.LevelsAsync(s);
        Consultants = await desk.ConsultantsAsync(s);
        CallbackHours = await settings.GetAsync(LeadSettings.VisitCallbackHours, s);
        ArrivedLocal ??= StoreTime.ToLocal(time.GetUtcNow().UtcDateTime, await clock.ZoneAsync(s)).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);
    }
}
