using Dcrc.Features.Customers.Records;
using Dcrc.Kernel.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dcrc.Features.Customers.Cards;

/// <summary>
/// The customer information card as the seed's forms lay it out: 表9 (A card) for a buyer, 表10 (C card)
/// once they have had their first maintenance here — one card per vehicle (一车一档). Numbers masked; an audited read.
/// </summary>
[RequirePermission("customers.read")]
public class CardModel(CustomerArchive archive, CustomerRecords records) : PageModel
{
    [FromRoute] public long Id { get; set; }
    public Customer Customer { get; private set; } = null!;
    /// <summary>The figures of each vehicle's card (一车一档); key 0 for a customer without vehicles.</summary>
    public Dictionary<long, CardFigures> Figures { get; private set; } = [];
    public string? MaskedIdNumber { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await archive.ReadAsync(Id) is not { } customer) return await archive.ExistsInScopeAsync(Id) ? Forbid() : NotFound();
        Customer = customer;
        MaskedIdNumber = archive.MaskedIdNumber(customer);
        foreach (var v in customer.Vehicles) Figures[v.Id] = await records.CardAsync(customer, v.Id);
        if (customer.Vehicles.Count == 0) Figures[0] = await records.CardAsync(customer);
        return Page();
    }
}
