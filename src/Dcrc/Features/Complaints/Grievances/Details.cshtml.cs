using System.Globalization;
using Dcrc.Data;
using Dcrc.Features.Callbacks;
using Dcrc.Features.Customers;
using Dcrc.Features.Customers.Records;
using Dcrc.Features.Shared;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Audit;
using Dcrc.Kernel.Identifiers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dcrc.Features.Complaints.Grievances;

/// <summary>One grievance case laid out as 表5 抱怨客户联系处理表: vehicle, user, the complaint, handling, result, follow-up.</summary>
[RequirePermission("complaints.grievances")]
public class DetailsModel(GrievanceDesk desk, DcrcDb db, AuditLog audit, CurrentUser me, IStringLocalizer<SharedResource> l) : PageModel
{
    public Grievance Case { get; private set; } = null!;
    public Customer Customer { get; private set; } = null!;
    public Vehicle? Vehicle { get; private set; }
    public CustomerTransaction? Event { get; private set; }
    public CallbackTask? Task { get; private set; }
    public List<(int Id, string Name)> Departments { get; private set; } = [];
    /// <summary>DCRC may take the grievance in as a complaint case.</summary>
    public bool MayTakeIn { get; private set; }
    [BindProperty] public GrievanceInput Input { get; set; } = new();

    public string MaskedMobile => Phone.Mask(Customer.Mobile);

    public async Task<IActionResult> OnGetAsync(long id)
    {
        if (!await LoadAsync(id)) return NotFound();
        Input = new GrievanceInput
        {
            Category = Case.Category, DepartmentId = Case.DepartmentId, Responsible = Case.Responsible, Process = Case.Process, Result = Case.Result,
            FollowUp = Case.FollowUp, Version = Case.Version,
        };
        await audit.WriteReadAsync(GrievanceAuditActions.Read, Case.CaseNumber, "Grievance", id.ToString(CultureInfo.InvariantCulture), Case.StoreId);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id)
    {
        if (ModelState.IsValid)
        {
            var (found, errors, conflict) = await desk.UpdateAsync(id, Input);
            if (found is null) return NotFound();
            if (!conflict && errors.Count == 0)
            {
                TempData["Flash"] = l["Grievances.Saved", found.CaseNumber].Value;
                return LocalRedirect($"/Complaints/Grievances/{id}");
            }
            if (conflict) ModelState.AddModelError("", l["Validation.Concurrency"]);
            FormErrors.Add(ModelState, "Input", errors);
        }
        return await LoadAsync(id) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(long id)
    {
        var g = await desk.FindAsync(id);
        if (g is null) return false;
        Case = g;
        Customer = await db.Customers.IgnoreQueryFilters().AsNoTracking().SingleAsync(c => c.Id == g.CustomerId);
        Vehicle = g.VehicleId is { } v ? await db.Vehicles.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(x => x.Id == v) : null;
        Task = g.CallbackTaskId is { } t ? await db.CallbackTasks.AsNoTracking().FirstOrDefaultAsync(x => x.Id == t) : null;
        Event = Task?.TransactionId is { } tx ? await db.Transactions.AsNoTracking().FirstOrDefaultAsync(x => x.Id == tx) : null;
        MayTakeIn = await me.CanAsync(ComplaintPermissions.Handle);
        Departments = (await db.Departments.Where(d => d.IsActive).OrderBy(d => d.Code).Select(d => new { d.Id, d.Name }).ToListAsync()).Select(d => (d.Id, d.Name)).ToList();
        return true;
    }
}
