using Dcrc.Features.Shared;
using Dcrc.Kernel.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dcrc.Features.Customers;

/// <summary>The customer on one screen, as a specialist reads it during a call. Opening it is an audited read.</summary>
[RequirePermission("customers.read")]
public class DetailsModel(CustomerArchive archive, VehicleRegister vehicles, CurrentUser me) : PageModel
{
    [FromRoute] public long Id { get; set; }
    public Customer? Customer { get; private set; }
    public string? MaskedIdNumber { get; private set; }
    public CustomerArchive.Unmasked? Full { get; private set; }
    public bool CanUnmask { get; private set; }
    public bool CanWrite { get; private set; }
    public bool CanApprove { get; private set; }
    public List<ArchiveChange> History { get; private set; } = [];
    [BindProperty] public VehicleInput Vehicle { get; set; } = new();

    private async Task<IActionResult?> LoadAsync()
    {
        Customer = await archive.ReadAsync(Id);
        if (Customer is null) return await archive.ExistsInScopeAsync(Id) ? Forbid() : NotFound();
        MaskedIdNumber = archive.MaskedIdNumber(Customer);
        CanUnmask = await me.CanAsync(CustomerPermissions.Unmask);
        CanWrite = await me.CanAsync(CustomerPermissions.Write);
        CanApprove = Customer.Status == ArchiveStatus.Draft && Customer.CreatedBy != me.UserName && await me.CanAsync(CustomerPermissions.Approve);
        History = await archive.HistoryAsync(Id);
        return null;
    }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ?? Page();

    public async Task<IActionResult> OnPostUnmaskAsync()
    {
        if (!await me.CanAsync(CustomerPermissions.Unmask)) return Forbid();
        if (await LoadAsync() is { } refused) return refused;
        Full = await archive.UnmaskAsync(Id);
        ModelState.Clear();
        return Page();
    }

    public async Task<IActionResult> OnPostApproveAsync()
    {
        if (!await me.CanAsync(CustomerPermissions.Approve)) return Forbid();
        return await archive.ApproveAsync(Id) switch
        {
            CustomerArchive.UpdateResult.NotFound => NotFound(),
            CustomerArchive.UpdateResult.Forbidden => Forbid(),
            _ => Redirect($"/Customers/{Id}"),
        };
    }

    public async Task<IActionResult> OnPostVehicleAsync()
    {
        if (!await me.CanAsync(CustomerPermissions.Write)) return Forbid();
        if (ModelState.IsValid)
        {
            var outcome = await vehicles.AddAsync(Id, Vehicle);
            if (outcome is null) return NotFound();
            if (outcome.Vehicle != null) return Redirect($"/Customers/{Id}");
            FormErrors.Add(ModelState, "Vehicle", outcome.Errors);
        }
        return await LoadAsync() ?? Page();
    }
}
