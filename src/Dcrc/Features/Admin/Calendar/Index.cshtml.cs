using Dcrc.Kernel.Writes;
using Dcrc.Data;
using Dcrc.Features.Shared;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Deadlines;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Dcrc.Features.Admin.Calendar;

/// <summary>The year's holidays and make-up working days for the group or a store; the working week is in the settings (calendar.*).</summary>
[RequirePermission("settings.manage")]
public class IndexModel(DcrcDb db, CalendarDays days, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? StoreId { get; set; }
    [BindProperty(SupportsGet = true)] public int Year { get; set; }
    public CalendarDayInput Input { get; set; } = new() { Kind = CalendarDayKind.Holiday };
    public List<Store> Stores { get; private set; } = [];
    public List<CalendarDay> Days { get; private set; } = [];

    private async Task LoadAsync()
    {
        if (Year is < 2000 or > 2100) Year = clock.GetUtcNow().Year;
        Stores = await db.Stores.AsNoTracking().OrderBy(s => s.Code).ToListAsync();
        Days = await days.ListAsync(Year, StoreId);
    }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAddAsync([Bind(Prefix = "Input")] CalendarDayInput input)
    {
        Input = input;
        input.StoreId = StoreId;
        if (ModelState.IsValid)
        {
            var (day, errors) = await days.AddAsync(input);
            if (day != null) return Redirect($"/Admin/Calendar?year={day.Date.Year}{(StoreId is { } s ? $"&storeId={s}" : "")}");
            WrittenResults.AddTo(errors, ModelState, "Input");
        }
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveAsync(int id)
    {
        if (!await days.RemoveAsync(id)) return NotFound();
        return Redirect($"/Admin/Calendar?year={Year}{(StoreId is { } s ? $"&storeId={s}" : "")}");
    }
}
