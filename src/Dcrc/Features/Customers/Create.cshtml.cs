using Dcrc.Features.Shared;
using Dcrc.Kernel.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Dcrc.Features.Customers;

[RequirePermission("customers.write")]
public class CreateModel(CustomerArchive archive, Data.DcrcDb db) : PageModel, ICustomerForm
{
    [BindProperty] public CustomerInput Input { get; set; } = new() { Address = new(), Class = CustomerClass.C, Kind = CustomerKind.Individual };
    public IReadOnlyList<CustomerArchive.Match> Duplicates { get; private set; } = [];

    /// <summary>From the call desk: a new caller's number (typed, or of a call the telephony system reported) fills the form.</summary>
    public async Task OnGetAsync(string? phone, long? callId)
    {
        if (callId is { } id)
            phone = await db.CallLogs.Where(c => c.Id == id).Select(c => c.Number).FirstOrDefaultAsync();
        if (Kernel.Identifiers.Phone.CheckMobile(phone).Value is { } mobile) Input.Mobile = mobile;
        else if (Kernel.Identifiers.Phone.CheckLandline(phone).Value is { } landline) Input.Landline = landline;
    }

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
