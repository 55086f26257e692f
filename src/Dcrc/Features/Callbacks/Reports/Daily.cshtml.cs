using Dcrc.Data;
using Dcrc.Kernel.Access;
using Microsoft.AspNetCore.Mvc;

namespace Dcrc.Features.Callbacks.Reports;

/// <summary>The daily callback report (日回访报表, seed 000): each specialist's calls of the day and what they came to, and the day per callback kind.</summary>
[RequirePermission("callbacks.reports")]
public class DailyModel(ReportFilters filters, CallbackLists lists, ReportExports exports, DcrcDb db, StoreScope scope, TimeProvider clock)
    : ReportPage(db, scope, clock)
{
    [BindProperty(SupportsGet = true)] public string? Date { get; set; }
    public CallbackLists.Daily Report { get; private set; } = null!;

    public async Task OnGetAsync()
    {
        await UseAsync(await filters.DayAsync(Date, StoreId));
        Report = await lists.DailyAsync(Period);
    }

    public async Task<IActionResult> OnGetExportAsync()
    {
        await UseAsync(await filters.DayAsync(Date, StoreId));
        return Xlsx(await exports.DailyAsync(Period));
    }
}
