using Microsoft.AspNetCore.Mvc.ModelBinding;
using Dcrc.Kernel.Writes;
using Dcrc.Features.Shared;
using Dcrc.Kernel.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Dcrc.Features.Customers;

[RequirePermission("customers.write")]
public class CreateModel(CustomerArchive archive, ICallerNumbers calls) : PageModel, ICustomerForm
{
    [BindProperty] public CustomerInput Input { get; set; } = new() { Address = new(), Class = CustomerClass.C, Kind = CustomerKind.Individual };
    public IReadOnlyList<CustomerArchive.Match> Duplicates { get; private set; } = [];

    /// <summary>From the call desk: a new caller's number (typed, or of a call the telephony system reported) fills the form.</summary>
    public async Task OnGetAsync(string? phone, long? callId)
    {
        if (callId is { } id)
            phone = await calls.NumberOfCallAsync(id);
        if (Kernel.Identifiers.Phone.CheckMobile(phone).Value is { } mobile) Input.Mobile = mobile;
        else if (Kernel.Identifiers.Phone.CheckLandline(phone).Value is { } landline) Input.Landline = landline;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Input.Address ??= new();
        if (!ModelState.IsValid) return Page();
        var created = await archive.CreateAsync(Input, null);
        if (created.Saved)
        {
            TempData["Flash"] = created.Value!.ArchiveNumber;
            return Redirect($"/Customers/{created.Value.Id}");
        }
        Duplicates = ICustomerForm.Show(created, ModelState);
        return Page();
    }
}

/// <summary>The customer form (partial _CustomerForm) of the create and edit pages.</summary>
public interface ICustomerForm
{
    CustomerInput Input { get; }
    IReadOnlyList<CustomerArchive.Match> Duplicates { get; }

    /// <summary>A refused save on the form: the matching archives of a duplicate, or the errors on their fields.</summary>
    static IReadOnlyList<CustomerArchive.Match> Show(Written<Customer> refused, ModelStateDictionary state)
    {
        if (refused.Status == WriteStatus.Duplicate) return (IReadOnlyList<CustomerArchive.Match>)refused.Detail!;
        refused.AddTo(state, "Input", "storeId");
        return [];
    }
}
