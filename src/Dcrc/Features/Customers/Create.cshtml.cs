using Dcrc.Kernel.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dcrc.Features.Customers;

[RequirePermission("customers.write")]
public class CreateModel(CustomerArchive archive) : PageModel
{
    [BindProperty] public CustomerInput Input { get; set; } = new() { Address = new(), Class = CustomerClass.C, Kind = CustomerKind.Individual };
    public IReadOnlyList<CustomerArchive.Match> Duplicates { get; private set; } = [];

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        Input.Address ??= new();
        if (!ModelState.IsValid) return Page();
        var outcome = await archive.CreateAsync(Input, null);
        if (outcome.Ok)
        {
            TempData["Flash"] = outcome.Customer!.ArchiveNumber;
            return Redirect($"/Customers/{outcome.Customer.Id}");
        }
        Duplicates = outcome.Duplicates;
        // The service keys errors by camelCase path (idNumber, address.city); the form's fields are Input.IdNumber…
        foreach (var (key, messages) in outcome.Errors)
            foreach (var m in messages)
                ModelState.AddModelError(key == "storeId" ? "" : "Input." + string.Join('.', key.Split('.').Select(p => char.ToUpperInvariant(p[0]) + p[1..])), m);
        return Page();
    }
}
