using System.Globalization;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Audit;
using Dcrc.Kernel.Settings;
using Dcrc.Kernel.Time;
using Dcrc.Kernel.Writes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Dcrc.Features.Leads;

/// <summary>
/// One lead: the record, its clocks, the follow-up table (潜在客户跟踪表) and timeline, and the steps open to the user —
/// record a call, give it to a consultant, claim it from the pool, declare it lost, the manager's decision. Each step is
/// a small form of its own; a refused one shows its errors beside it.
/// </summary>
[RequirePermission("leads.read")]
public class DetailsModel(LeadDesk desk, LeadCards cards, LeadViews views, LeadVisits visits, LeadBatches batches, CurrentUser me, SettingsStore settings, StoreClock storeClock, AuditLog audit,
    IStringLocalizer<SharedResource> l) : PageModel
{
    public LeadsApi.DetailDto Detail { get; private set; } = null!;
    public LeadsApi.LeadDto Lead => Detail.Lead;
    public List<LeadVisit> Visits { get; private set; } = [];
    public IReadOnlyList<IntentLevel> Levels { get; private set; } = [];
    public IReadOnlyList<Kernel.Deadlines.WorkPeriod> Slots { get; private set; } = [];
    public List<Consultant> Consultants { get; private set; } = [];
    public TimeZoneInfo Zone { get; private set; } = StoreTime.GroupZone;
    public bool MayFollow { get; private set; }
    public bool MayAssign { get; private set; }
    public bool MayEdit { get; private set; }
    public bool MayClaim { get; private set; }
    public bool MayDecide { get; private set; }
    public bool MayUnmask { get; private set; }
    /// <summary>A batch lead, and the user records the OEM's side (its check, its taking the lead back).</summary>
    public bool MayOem { get; private set; }
    public bool MayPlanDelivery { get; private set; }
    public string? BatchNumber { get; private set; }
    public string? FullMobile { get; private set; }
    /// <summary>The step whose form was refused (its errors show beside it).</summary>
    public string? Refused { get; private set; }
    public AttemptInput Attempt { get; set; } = new();
    /// <summary>When the call was made, store time (the form's datetime-local); empty is now.</summary>
    public string? AttemptAtLocal { get; set; }
    public AssignInput Assign { get; set; } = new();
    public LostInput Lost { get; set; } = new();
    public LostDecisionInput Decision { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(long id)
    {
        if (!await LoadAsync(id)) return NotFound();
        await audit.WriteReadAsync(LeadAuditActions.Read, Lead.Line.Number, "Lead", id.ToString(CultureInfo.InvariantCulture), Lead.Line.StoreId);
        return Page();
    }

    public async Task<IActionResult> OnPostAttemptAsync(long id, AttemptInput attempt, string? attemptAtLocal)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (attemptAtLocal is { Length: > 0 } text)
        {
            if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
                attempt.At = new DateTimeOffset(StoreTime.ToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Zone), TimeSpan.Zero);
            else ModelState.AddModelError("attempt.At", l["Validation.InvalidValue", l["Field.AttemptAt"]]);
        }
        (Attempt, AttemptAtLocal) = (attempt, attemptAtLocal);
        return await StepAsync(id, "attempt", ModelState.IsValid ? await desk.AttemptAsync(id, attempt) : null, "Leads.AttemptRecorded");
    }

    public async Task<IActionResult> OnPostAssignAsync(long id, AssignInput assign)
    {
        Assign = assign;
        return await StepAsync(id, "assign", ModelState.IsValid ? await desk.AssignAsync(id, assign) : null, "Leads.Assigned");
    }

    public async Task<IActionResult> OnPostClaimAsync(long id, VersionInput claim) =>
        await StepAsync(id, "claim", ModelState.IsValid ? await desk.ClaimAsync(id, claim) : null, "Leads.ClaimedByYou");

    public async Task<IActionResult> OnPostLostAsync(long id, LostInput lost)
    {
        Lost = lost;
        return await StepAsync(id, "lost", ModelState.IsValid ? await desk.DeclareLostAsync(id, lost) : null, "Leads.LostRequested");
    }

    public async Task<IActionResult> OnPostDecideAsync(long id, LostDecisionInput decision)
    {
        Decision = decision;
        return await StepAsync(id, "decide", ModelState.IsValid ? await desk.DecideLostAsync(id, decision) : null,
            decision.Approve == true ? "Leads.LostApproved" : "Leads.LostRefused");
    }

    public async Task<IActionResult> OnPostConvertAsync(long id, VersionInput convert) =>
        await StepAsync(id, "convert", ModelState.IsValid ? await desk.ConvertAsync(id, convert) : null, "Leads.ConvertedDone");

    public async Task<IActionResult> OnPostDeliveryAsync(long id, DeliveryInput delivery, string? deliveryLocal)
    {
        if (!await LoadAsync(id)) return NotFound();
        ModelState.Remove("delivery.PlannedAt"); // the form sends store time (deliveryLocal)
        if (DateTime.TryParse(deliveryLocal, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            delivery.PlannedAt = new DateTimeOffset(StoreTime.ToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Zone), TimeSpan.Zero);
        else ModelState.AddModelError("delivery.PlannedAt", l["Validation.InvalidValue", l["Field.PlannedDeliveryAt"]]);
        return await StepAsync(id, "delivery", ModelState.IsValid ? await desk.PlanDeliveryAsync(id, delivery) : null, "Leads.DeliveryPlanned");
    }

    public async Task<IActionResult> OnPostCheckAsync(long id, OemCheckInput check) =>
        await StepAsync(id, "check", ModelState.IsValid ? await desk.CheckFeedbackAsync(id, check) : null, "Leads.OemCheckRecorded");

    public async Task<IActionResult> OnPostTransferAsync(long id, TransferInput transfer) =>
        await StepAsync(id, "transfer", ModelState.IsValid ? await desk.TransferAsync(id, transfer) : null, "Leads.TransferRecorded");

    public async Task<IActionResult> OnPostUnmaskAsync(long id)
    {
        FullMobile = await views.UnmaskAsync(id);
        if (FullMobile is null) return await desk.FindAsync(id) is null ? NotFound() : Forbid();
        return await LoadAsync(id) ? Page() : NotFound();
    }

    /// <summary>A step's answer: saved, back to the card with a word of what happened; refused, the card with the errors beside the step.</summary>
    private async Task<IActionResult> StepAsync<T>(long id, string step, Written<T>? r, string doneKey)
    {
        if (r?.OutOfReach() is { } away) return away;
        if (r is { Saved: true })
        {
            TempData["Flash"] = l[doneKey].Value;
            return LocalRedirect($"/Leads/{id}");
        }
        r?.AddTo(ModelState, step);
        Refused = step;
        return await LoadAsync(id) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(long id)
    {
        var lead = await desk.FindAsync(id);
        if (lead is null) return false;
        Detail = await cards.DetailAsync(lead);
        Visits = await visits.OfLeadAsync(id);
        Zone = await storeClock.ZoneAsync(lead.StoreId);
        Levels = await desk.LevelsAsync(lead.StoreId);
        Slots = LeadRules.Slots(await settings.GetTextAsync(LeadSettings.TimeSlots, lead.StoreId));
        var open = lead.State is LeadState.New or LeadState.Following;
        MayFollow = open && lead.ConsultantUserId is not null && (lead.ConsultantUserId == me.Id && await me.CanAsync(LeadPermissions.Follow) || await me.CanAsync(LeadPermissions.Assign));
        MayAssign = lead.IsOpen && lead.State != LeadState.LostPending && await me.CanAsync(LeadPermissions.Assign);
        MayEdit = lead.IsOpen && await desk.MayEditAsync(lead);
        MayClaim = (lead.State == LeadState.Pool || lead.State == LeadState.Lost && lead.KeepsInterest) && await me.CanAsync(LeadPermissions.Follow);
        MayDecide = lead.State == LeadState.LostPending && await me.CanAsync(LeadPermissions.ApproveLost);
        MayUnmask = await me.CanAsync(Customers.CustomerPermissions.Unmask);
        MayPlanDelivery = lead.State == LeadState.Ordered && (lead.ConsultantUserId == me.Id && await me.CanAsync(LeadPermissions.Follow) || await me.CanAsync(LeadPermissions.Assign));
        MayOem = lead.BatchId is not null && await me.CanAsync(LeadPermissions.OemCheck);
        BatchNumber = lead.BatchId is { } b ? await batches.NumberAsync(b) : null;
        if (MayAssign) Consultants = (await desk.ConsultantsAsync(lead.StoreId)).Where(c => c.Id != lead.ConsultantUserId).ToList();
        Attempt.ConsultantName ??= me.DisplayName;
        (Attempt.Version, Assign.Version, Lost.Version, Decision.Version) = (lead.Version, lead.Version, lead.Version, lead.Version);
        return true;
    }

    public string SlotName(int? slot) => slot is { } s && s < Slots.Count ? $"{Slots[s].From:HH\\:mm}–{Slots[s].To:HH\\:mm}" : l["Leads.NoSlot"];
}
