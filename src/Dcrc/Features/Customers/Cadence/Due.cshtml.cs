using Dcrc.Features.Shared;
using Dcrc.Kernel.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dcrc.Features.Customers.Cadence;

/// <summary>Due and overdue calls and visits by class cadence (001 五), for the user's own, department's or store's customers.</summary>
[RequirePermission("customers.read")]
public class DueModel(DueContacts due) : PageModel
{
    public const int PageSize = 50;
    [FromQuery(Name = "contact")] public Contact Contact { get; set; } = Contact.Call;
    [FromQuery(Name = "class")] public CustomerClass? Class { get; set; }
    [FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;
    public List<DueContacts.Row> Rows { get; private set; } = [];
    public Pager Pager { get; private set; } = null!;

    public async Task OnGetAsync()
    {
        PageNumber = Math.Max(1, PageNumber);
        var (rows, total, _) = await due.ListAsync(Contact, Class, PageNumber, PageSize);
        Rows = rows;
        Pager = new Pager(PageNumber, PageSize, total, Request);
    }
}
