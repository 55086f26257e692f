using Dcrc.Kernel.Access;
using Dcrc.Kernel.Excel;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Dcrc.Features.Customers;

/// <summary>Import page: a file in, either "N imported" or the error report (.xlsx) and nothing imported.</summary>
[RequirePermission("customers.import")]
public class ImportModel(CustomerImport import, IStringLocalizer<SharedResource> l) : PageModel
{
    public int? Imported { get; private set; }
    public string? FileError { get; private set; }

    public void OnGet() { }

    public IActionResult OnGetTemplate() => File(import.Template(), Spreadsheet.XlsxContentType, "customer-import-template.xlsx");

    public async Task<IActionResult> OnPostAsync(IFormFile? file)
    {
        if (file is null || file.Length == 0)
        {
            FileError = l["Validation.Required", l["Import.File"]];
            return Page();
        }
        if (file.Length > 20 * 1024 * 1024)
        {
            FileError = l["Import.TooLarge"];
            return Page();
        }
        await using var stream = file.OpenReadStream();
        var result = await import.ImportAsync(stream, file.FileName, null);
        if (result.Errors.Count == 0)
        {
            Imported = result.Imported;
            return Page();
        }
        return File(import.Report(result.Errors), Spreadsheet.XlsxContentType, "import-errors.xlsx");
    }
}
