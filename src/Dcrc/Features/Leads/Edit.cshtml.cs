using Dcrc.Kernel.Access;
using Dcrc.Kernel.Writes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Dcrc.Features.Leads;

/// <summary>
/// Correcting the record of an open lead: the fields as recorded, the mobile shown masked and kept unless a new one is
/// typed. Its consultant, reception and the managers; the changed fields go on the lead's timeline.
/// </summary>
[RequirePermission("leads.read")]
public class EditModel(LeadDesk desk, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty] public LeadInput Input { get; set; } = new();
    public IReadOnlyList<IntentLevel> Levels { get; private set; } = [];
    public string Number { get; private set; } = "";
    public string MaskedMobile { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(long id)
    {
        if (await desk.FindAsync(id) is not { } lead) return NotFound();
        Input = new LeadInput
        {
            Name = lead.Name, Gender = lead.Gender, Region = lead.Region, Series = lead.Series, Model = lead.Model, IntentLevel = lead.IntentLevel, Budget = lead.Budget,
            PurchaseTiming = lead.PurchaseTiming, Payment = lead.Payment, CompetingBrands = lead.CompetingBrands, TradeIn = lead.TradeIn, TradeInNote = lead.TradeInNote,
            VisitAt = lead.VisitAt is { } v ? new DateTimeOffset(v, TimeSpan.Zero) : null, VisitMinutes = lead.VisitMinutes, Companions = lead.Companions, Needs = lead.Needs,
            Source = lead.Source, Version = lead.Version,
        };
        await LoadAsync(lead);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id)
    {
        var r = await desk.EditAsync(id, Input, WrittenResults.BinderErrors(ModelState, "Input"));
        if (r.OutOfReach() is { } away) return away;
        if (r.Saved)
        {
            TempData["Flash"] = l["Leads.Edited"].Value;
            return LocalRedirect($"/Leads/{id}");
        }
        ModelState.Clear();
        r.AddTo(ModelState, "Input");
        if (await desk.FindAsync(id) is not { } lead) return NotFound();
        await LoadAsync(lead);
        return Page();
    }

    private async Task LoadAsync(Lead lead)
    {
        (Number, MaskedMobile) = (lead.Number, LeadViews.LineOf(lead).Mobile);
        Levels = await desk.LevelsAsync(lead.StoreId);
    }
}
