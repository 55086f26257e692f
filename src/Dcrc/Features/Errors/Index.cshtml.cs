using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dcrc.Features.Errors;

/// <summary>The 403, 404 and 500 pages (re-executed by the status-code and exception middleware).</summary>
[IgnoreAntiforgeryToken]
public class IndexModel : PageModel
{
    public int Code { get; private set; }
    public string TitleKey => Code switch { 403 => "Errors.403.Title", 404 => "Errors.404.Title", _ => "Errors.500.Title" };
    public string TextKey => Code switch { 403 => "Errors.403.Text", 404 => "Errors.404.Text", _ => "Errors.500.Text" };

    public void OnGet(int code) => Show(code);
    public void OnPost(int code) => Show(code);

    private void Show(int code)
    {
        Code = code is 403 or 404 ? code : 500;
        // Direct visits answer with the status they show; re-executions keep the original status.
        if (HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is null) Response.StatusCode = Code;
    }
}
