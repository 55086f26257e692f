using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dcrc.Features.Errors;

/// <summary>The 403, 404 and 500 pages (re-executed by the status-code and exception middleware).</summary>
[IgnoreAntiforgeryToken]
public class IndexModel : PageModel
{
    public int Code { get; private set; }
    public string TitleKey => $"Errors.{Code}.Title";
    public string TextKey => $"Errors.{Code}.Text";

    public void OnGet(int code) => Show(code);
    public void OnPost(int code) => Show(code);

    private void Show(int code)
    {
        Code = code is 400 or 403 or 404 or 429 ? code : 500;
        // Direct visits answer with the status they show; re-executions keep the original status.
        if (HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is null) Response.StatusCode = Code;
    }
}
