using Dcrc.Kernel.Writes;
using Dcrc.Features.Shared;
using Dcrc.Kernel.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dcrc.Features.Customers;

[RequirePermission("customers.write")]
public class EditModel(CustomerArchive archive) : PageModel, ICustomerForm
{
    [FromRoute] public long Id { get; set; }
    [BindProperty] public CustomerInput Input { get; set; } = new() { Address = new() };
    public IReadOnlyList<CustomerArchive.Match> Duplicates { get; private set; } = [];
    public string ArchiveNumber { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync()
    {
        var c = await archive.ReadAsync(Id);
        if (c is null) return await archive.ExistsInScopeAsync(Id) ? Forbid() : NotFound();
        ArchiveNumber = c.ArchiveNumber;
        Input = CustomerInput.From(c, archive.MaskedIdNumber(c));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Input.Address ??= new();
        if (!ModelState.IsValid) return Page();
        // A masked number sent back as shown means "unchanged" (CustomerArchive.UpdateAsync keeps the stored one).
        var saved = await archive.UpdateAsync(Id, Input);
        if (saved.OutOfReach() is { } away) return away;
        if (saved.Saved) return Redirect($"/Customers/{Id}");
        Duplicates = ICustomerForm.Show(saved, ModelState);
        ArchiveNumber = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstOrDefaultAsync(
            archive.Visible(await archive.ViewerAsync()).Where(c => c.Id == Id).Select(c => c.ArchiveNumber)) ?? "";
        return Page();
    }
}
