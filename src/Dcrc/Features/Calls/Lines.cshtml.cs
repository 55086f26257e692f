using Dcrc.Data;
using Dcrc.Kernel.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dcrc.Features.Calls;

/// <summary>Who sits on which telephone line, per store: the CR manager adds lines and puts agents on them.</summary>
[RequirePermission("calls.lines")]
public class LinesModel(CallDesk calls, DcrcDb db, StoreScope scope, IStringLocalizer<SharedResource> l) : PageModel
{
    public List<CallDesk.LineRow> Lines { get; private set; } = [];
    public Dictionary<int, List<(string Id, string Name)>> Agents { get; private set; } = [];
    public Dictionary<int, string> Stores { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Lines = await calls.LinesAsync();
        Stores = await db.Stores.AsNoTracking().Where(s => s.IsActive).OrderBy(s => s.Code).ToDictionaryAsync(s => s.Id, s => s.Name);
        Stores = Stores.Where(s => scope.CanSee(s.Key) && (scope.CurrentStoreId is null || scope.CurrentStoreId == s.Key)).ToDictionary();
        foreach (var store in Stores.Keys) Agents[store] = await calls.AgentsAsync(store);
    }

    public async Task<IActionResult> OnPostAsync(string? line, string? userId, int? storeId)
    {
        var (row, errors) = await calls.SetLineAsync(line, string.IsNullOrWhiteSpace(userId) ? null : userId, storeId);
        TempData["Flash"] = row is null ? errors.First().Value.First() : l["Calls.LineSaved", row.Line].Value;
        return LocalRedirect("/Calls/Lines");
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id)
    {
        if (!await calls.DeleteLineAsync(id)) return NotFound();
        TempData["Flash"] = l["Calls.LineRemoved"].Value;
        return LocalRedirect("/Calls/Lines");
    }
}
