using Dcrc.Kernel.Writes;
using System.Globalization;
using Dcrc.Data;
using Dcrc.Features.Customers;
using Dcrc.Features.Shared;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Audit;
using Dcrc.Kernel.Deadlines;
using Dcrc.Kernel.Identifiers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dcrc.Features.Complaints;

/// <summary>
/// One case as the record and handling forms of 001 (客户投诉记录单, 客户投诉处理单), its countdowns, its timeline and
/// the steps open to the user — each a small form asking only for what that step records.
/// </summary>
[RequirePermission("complaints.read")]
public class DetailsModel(ComplaintDesk desk, ComplaintNames names, DcrcDb db, AuditLog audit, MaskedCustomers customers, IStringLocalizer<SharedResource> l) : PageModel
{
    public Complaint Case { get; private set; } = null!;
    public MaskedCustomer Customer { get; private set; } = null!;
    public string? ShownContact { get; private set; }
    public Vehicle? Vehicle { get; private set; }
    public Dictionary<ComplaintLimit, LimitState> Limits { get; private set; } = [];
    public List<ComplaintEvent> Events { get; private set; } = [];
    public List<ComplaintAction> Actions { get; private set; } = [];
    public List<(int Id, string Name)> Departments { get; private set; } = [];
    public List<(string Id, string Name, string? Department)> People { get; private set; } = [];
    public string? DepartmentName { get; private set; }
    [BindProperty] public StepInput Step { get; set; } = new();
    /// <summary>The step whose form was refused, to show its errors beside it.</summary>
    public ComplaintAction? Refused { get; private set; }

    public string MaskedMobile => Case.ContactPhone is { } phone ? Phone.Mask(phone) : Customer.Mobile ?? "";

    public async Task<IActionResult> OnGetAsync(long id)
    {
        if (!await LoadAsync(id)) return NotFound();
        await audit.WriteReadAsync(ComplaintAuditActions.Read, Case.Number, "Complaint", id.ToString(CultureInfo.InvariantCulture), Case.StoreId);
        return Page();
    }

    public async Task<IActionResult> OnPostStepAsync(long id, ComplaintAction action)
    {
        if (ModelState.IsValid)
        {
            var r = await desk.StepAsync(id, action, Step);
            if (r.OutOfReach() is { } away) return away;
            if (r.Saved)
            {
                TempData["Flash"] = l["Complaints.StepDone", l["ComplaintAction." + action].Value, l["ComplaintState." + r.Value!.State].Value].Value;
                return LocalRedirect($"/Complaints/{id}");
            }
            r.AddTo(ModelState, "Step");
        }
        Refused = action;
        return await LoadAsync(id) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(long id)
    {
        var c = await desk.FindAsync(id);
        if (c is null) return false;
        Case = c;
        // The case is the user's: its customer is shown as a work record's is (class-A rule, numbers masked).
        Customer = await customers.ForWorkAsync(c.StoreId, c.CustomerId) ?? throw new InvalidOperationException($"The customer of case {c.Id} is missing.");
        ShownContact = (await names.ForAsync(c)).Contact(c);
        Vehicle = c.VehicleId is { } v ? await db.Vehicles.AsNoTracking().FirstOrDefaultAsync(x => x.Id == v) : null;
        Limits = await desk.LimitsAsync(c);
        Events = await db.ComplaintEvents.AsNoTracking().Where(e => e.ComplaintId == id).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync();
        Actions = ComplaintWorkflow.Available(c.State, c.Paused, await desk.ActorsAsync(c)).ToList();
        var departments = await db.Departments.Where(d => d.IsActive).OrderBy(d => d.Code).Select(d => new { d.Id, d.Name }).ToListAsync();
        Departments = departments.Select(d => (d.Id, d.Name)).ToList();
        DepartmentName = departments.FirstOrDefault(d => d.Id == c.DepartmentId)?.Name;
        if (Actions.Contains(ComplaintAction.Redispatch)) Step.DepartmentId ??= c.DepartmentId; // re-dispatched within the department unless another is chosen
        if (Actions.Contains(ComplaintAction.Dispatch) || Actions.Contains(ComplaintAction.Redispatch))
            People = (await db.Users.Where(u => u.IsActive && u.Stores.Any(s => s.StoreId == c.StoreId)).OrderBy(u => u.DepartmentId).ThenBy(u => u.DisplayName)
                .Select(u => new { u.Id, u.DisplayName, Department = u.Department == null ? null : u.Department.Name }).ToListAsync())
                .Select(u => (u.Id, u.DisplayName, u.Department)).ToList();
        Step.Version ??= c.Version;
        return true;
    }
}
