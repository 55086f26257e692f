using Dcrc.Kernel.Cases;
using Dcrc.Kernel.Writes;
using Dcrc.Data;
using Dcrc.Features.Customers;
using Dcrc.Features.Shared;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Identifiers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Dcrc.Features.Complaints;

/// <summary>
/// Taking in a complaint (客户投诉记录单): the customer found in the archive by any number or name (or given by
/// the call or callback it comes from), the vehicle, channel, what happened and what the customer asks for.
/// </summary>
[RequirePermission("complaints.handle")]
public class NewModel(ComplaintDesk desk, CustomerArchive archive, MaskedCustomers customers, DcrcDb db, Calls.CallCases calls) : PageModel
{
    [BindProperty] public ComplaintInput Input { get; set; } = new() { Channel = ComplaintChannel.Phone, Severity = ComplaintSeverity.Normal };
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public long? CustomerId { get; set; }
    [BindProperty(SupportsGet = true)] public long? CallId { get; set; }
    [BindProperty(SupportsGet = true)] public long? CallbackTaskId { get; set; }
    public List<CustomerArchive.Row> Matches { get; private set; } = [];
    public MaskedCustomer? Customer { get; private set; }
    public List<(long Id, string Label)> Vehicles { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Input.CustomerId = CustomerId;
        Input.CallId = CallId;
        Input.CallbackTaskId = CallbackTaskId;
        if (CallId is { } callId && await calls.FindAsync(callId) is { ComplaintId: null } call)
        {
            (Input.CustomerId, Input.VehicleId, Input.Channel) = (call.CustomerId ?? CustomerId, call.VehicleId, ComplaintChannel.Phone);
            Input.Category = call.Category ?? Input.Category;
            // The caller's number stays on the call (linked below); the form never shows it in full.
            (Input.Description, Input.ContactName) = (call.Content, call.CallerName);
        }
        if (CallbackTaskId is { } task && await db.CallbackTasks.Where(t => t.Id == task).Select(t => new { t.CustomerId, t.VehicleId }).FirstOrDefaultAsync() is { } t)
        {
            (Input.CustomerId, Input.VehicleId, Input.Channel) = (t.CustomerId, t.VehicleId, ComplaintChannel.Callback);
        }
        await LoadAsync();
        if (Customer is null && Q is { Length: > 0 } q) Matches = (await archive.SearchAsync(q, 1, 10)).Rows;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (ModelState.IsValid)
        {
            var r = await desk.CreateAsync(Input);
            if (r.Saved)
            {
                TempData["Flash"] = HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<SharedResource>>()["Complaints.Received", r.Value!.Number].Value;
                return LocalRedirect($"/Complaints/{r.Value!.Id}");
            }
            r.AddTo(ModelState, "Input");
        }
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        if (Input.CustomerId is not { } id) return;
        Customer = await customers.VisibleAsync(id);
        if (Customer is null) return;
        Vehicles = (await db.Vehicles.Where(v => v.CustomerId == id).OrderBy(v => v.Id).Select(v => new { v.Id, v.PlateNumber, v.Model, v.Vin }).ToListAsync())
            .Select(v => (v.Id, $"{v.PlateNumber} {v.Model} {v.Vin[^6..]}".Trim())).ToList();
        Input.ContactName ??= Customer.Name;
    }

    public string MaskedMobile => Customer?.Mobile ?? "";
}
