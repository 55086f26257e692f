using Dcrc.Features.Shared;
using Dcrc.Kernel.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dcrc.Features.Customers;

[RequirePermission("customers.write")]
public class CreateModel(CustomerArchive archive) : PageModel, ICustomerForm
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
        FormErrors.Add(ModelState, "Input", outcome.Errors, "storeId", "version");
        return Page();
    }
}

/// <summary>The customer form (partial _CustomerForm) of the create and edit pages.</summary>
public interface ICustomerForm
{
    CustomerInput Input { get; }
    IReadOnlyList<CustomerArchive.Match> Duplicates { get; }
}
