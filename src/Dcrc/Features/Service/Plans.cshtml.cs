using Dcrc.Kernel.Access;
using Dcrc.Kernel.Writes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Dcrc.Features.Service;

/// <summary>
/// 保养计划: the store's maintenance plans per series or model — the first maintenance and the regular interval, by
/// distance and time — and the store's default for the rest. The service manager adds, changes and removes them; the
/// series' forecasts are recounted at once.
/// </summary>
[RequirePermission("service.read")]
public class PlansModel(MaintenancePlans plans, Forecasts forecasts, CurrentUser me, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty] public PlanInput Input { get; set; } = new();
    public List<MaintenancePlan> Rows { get; private set; } = [];
    public PlanIntervals? Default { get; private set; }
    public bool MayEdit { get; private set; }
    public bool NoStore { get; private set; }
    /// <summary>The plan being changed (null: a new one).</summary>
    public int? Editing { get; private set; }

    public async Task OnGetAsync(int? edit)
    {
        await LoadAsync();
        if (edit is { } id && Rows.FirstOrDefault(p => p.Id == id) is { } p)
        {
            Editing = id;
            Input = new PlanInput { Series = p.Series, Model = p.Model, FirstKm = p.FirstKm, FirstMonths = p.FirstMonths, IntervalKm = p.IntervalKm, IntervalMonths = p.IntervalMonths, Version = p.Version };
        }
        else if (Default is { } d) Input = new PlanInput { FirstKm = d.FirstKm, FirstMonths = d.FirstMonths, IntervalKm = d.IntervalKm, IntervalMonths = d.IntervalMonths };
    }

    public async Task<IActionResult> OnPostSaveAsync(int? id)
    {
        var r = await plans.SaveAsync(id, Input, WrittenResults.BinderErrors(ModelState, "Input"));
        if (r.OutOfReach() is { } away) return away;
        if (r.Saved)
        {
            TempData["Flash"] = l["Service.PlanSaved", r.Value!.Series].Value;
            return LocalRedirect("/Service/Plans");
        }
        ModelState.Clear();
        r.AddTo(ModelState, "Input");
        Editing = id;
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, int version)
    {
        var r = await plans.DeleteAsync(id, version);
        if (r.OutOfReach() is { } away) return away;
        TempData["Flash"] = (r.Saved ? l["Service.PlanDeleted"] : l["Validation.Concurrency"]).Value;
        return LocalRedirect("/Service/Plans");
    }

    private async Task LoadAsync()
    {
        MayEdit = await me.CanAsync(ServicePermissions.Plans);
        if (plans.StoreOf(null) is not { } store) { NoStore = true; return; }
        Input.StoreId = store;
        Rows = await plans.OfStoreAsync(store);
        Default = (await forecasts.RulesAsync(store)).Default;
    }
}
