using System.Globalization;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Excel;
using Dcrc.Kernel.Time;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Dcrc.Features.Leads;

/// <summary>
/// The OEM's lead batches: import one (batch number, when it arrived, the file — all or nothing, the error report
/// otherwise), and each batch's feedback in time, owed, the OEM's check with the pass rate, the feedback export.
/// </summary>
[RequirePermission("leads.oem")]
public class BatchesModel(LeadBatches batches, LeadBatchImport import, StoreClock clock, TimeProvider time, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int PageSize = 30;
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;
    public List<BatchLine> Lines { get; private set; } = [];
    public Shared.Pager Pager { get; private set; } = null!;
    [BindProperty] public string? BatchNumber { get; set; }
    [BindProperty] public string? ArrivedLocal { get; set; }
    public string? FileError { get; private set; }
    public TimeZoneInfo Zone { get; private set; } = StoreTime.GroupZone;

    public async Task OnGetAsync() => await LoadAsync();

    public IActionResult OnGetTemplate() => File(import.Template(), Spreadsheet.XlsxContentType, "oem-batch-template.xlsx");

    public async Task<IActionResult> OnGetFeedbackAsync(long id) =>
        await batches.FeedbackAsync(id) is { } xlsx ? File(xlsx, Spreadsheet.XlsxContentType, $"oem-feedback-{id}.xlsx") : NotFound();

    public async Task<IActionResult> OnPostAsync(IFormFile? file)
    {
        Zone = await clock.ZoneAsync();
        if (file is null || file.Length == 0) FileError = l["Validation.Required", l["Import.File"]];
        else if (file.Length > 20 * 1024 * 1024) FileError = l["Import.TooLarge"];
        DateTimeOffset? arrived = null;
        if (DateTime.TryParse(ArrivedLocal, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            arrived = new DateTimeOffset(StoreTime.ToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Zone), TimeSpan.Zero);
        if (FileError is not null) { await LoadAsync(); return Page(); }
        await using var stream = file!.OpenReadStream();
        var result = await import.ImportAsync(stream, file.FileName, new BatchHeader(BatchNumber, arrived, null));
        if (result.Batch is { } batch)
        {
            TempData["Flash"] = l["LeadImport.Done", batch.BatchNumber, batch.Leads].Value;
            return LocalRedirect("/Leads/Batches");
        }
        // A problem with the form itself (no batch number, a bad arrival time) is shown here; row errors come as the report.
        if (result.Errors.All(e => e.Row == 0))
        {
            FileError = string.Join(" ", result.Errors.Select(e => e.Message));
            await LoadAsync();
            return Page();
        }
        return File(import.Report(result.Errors), Spreadsheet.XlsxContentType, "oem-batch-errors.xlsx");
    }

    private async Task LoadAsync()
    {
        Zone = await clock.ZoneAsync();
        PageNumber = Math.Max(1, PageNumber);
        (Lines, var total) = await batches.PageAsync(PageNumber, PageSize);
        Pager = new Shared.Pager(PageNumber, PageSize, total, Request);
        ArrivedLocal ??= StoreTime.ToLocal(time.GetUtcNow().UtcDateTime, Zone).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);
    }
}
