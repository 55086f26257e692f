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
        ICustomerForm.AddErrors(ModelState, outcome.Errors);
        return Page();
    }
}

/// <summary>The customer form (partial _CustomerForm) of the create and edit pages.</summary>
public interface ICustomerForm
{
    CustomerInput Input { get; }
    IReadOnlyList<CustomerArchive.Match> Duplicates { get; }

    /// <summary>The service keys errors by camelCase path (idNumber, address.city); the form's fields are Input.IdNumber…</summary>
    static void AddErrors(Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary state, Dictionary<string, string[]> errors)
    {
        foreach (var (key, messages) in errors)
            foreach (var m in messages)
                state.AddModelError(key is "storeId" or "version" ? "" : "Input." + string.Join('.', key.Split('.').Select(p => char.ToUpperInvariant(p[0]) + p[1..])), m);
    }
}
