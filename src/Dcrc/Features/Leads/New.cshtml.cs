using Dcrc.Kernel.Access;
using Dcrc.Kernel.Writes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Dcrc.Features.Leads;

/// <summary>
/// Recording a lead (潜在客户信息收集表): who, what they are interested in, how hot, where from; reception and the
/// managers give it to a consultant, a consultant's own lead is theirs. A mobile with an open lead is refused naming it.
/// </summary>
[RequirePermission("leads.create")]
public class NewModel(LeadDesk desk, CurrentUser me, StoreScope scope, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty] public LeadInput Input { get; set; } = new() { Source = LeadSource.Walkin };
    public IReadOnlyList<IntentLevel> Levels { get; private set; } = [];
    public List<Consultant> Consultants { get; private set; } = [];

    public async Task OnGetAsync()
    {
        await LoadAsync();
        Input.IntentLevel ??= Levels.Count > 1 ? Levels[1].Code : Levels.FirstOrDefault()?.Code;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var r = await desk.CreateAsync(Input, checkedErrors: WrittenResults.BinderErrors(ModelState, "Input"));
        if (r.Saved)
        {
            TempData["Flash"] = l["Leads.Created", r.Value!.Number, r.Value.ConsultantName ?? l["Leads.Unassigned"].Value].Value;
            return LocalRedirect($"/Leads/{r.Value.Id}");
        }
        ModelState.Clear();
        r.AddTo(ModelState, "Input");
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var store = Input.StoreId ?? scope.CurrentStoreId ?? (me.StoreIds.Count == 1 ? me.StoreIds[0] : null);
        if (store is not { } s) return;
        Levels = await desk.LevelsAsync(s);
        if (await me.CanAsync(LeadPermissions.Assign)) Consultants = await desk.ConsultantsAsync(s);
    }
}

/// <summary>What the lead record's fields (<c>_LeadFields</c>) show: the input, the store's intent levels, the consultants to give it to (none: no choice); the masked mobile an empty field keeps.</summary>
public sealed record LeadFields(LeadInput Input, IReadOnlyList<IntentLevel> Levels, List<Consultant> Consultants, string? MobileKept = null);
