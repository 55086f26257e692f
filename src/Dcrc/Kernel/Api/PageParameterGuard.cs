using Microsoft.Extensions.Localization;

namespace Dcrc.Kernel.Api;

/// <summary>
/// A <c>page</c> query parameter must be a whole number from 1 to <see cref="MaxPage"/>: anything else (0,
/// -1, 2147483647, "abc"; empty means absent) is refused with 400 naming the field, before a list multiplies it into an offset
/// that overflows and quietly shows page 1.
/// </summary>
public sealed class PageParameterGuard(RequestDelegate next)
{
    public const int MaxPage = 1_000_000;

    public async Task InvokeAsync(HttpContext context, IStringLocalizer<SharedResource> l)
    {
        if (context.Request.Query.TryGetValue("page", out var values) && values.Count > 0 && values[^1] is { Length: > 0 }
            && !(int.TryParse(values[^1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var page) && page is >= 1 and <= MaxPage))
        {
            var message = l["Validation.PageRange", l["Field.Page"], MaxPage];
            if (WebSetup.IsApi(context))
            {
                await Results.ValidationProblem(new Dictionary<string, string[]> { ["page"] = [message] }, title: l["Problem.Validation"]).ExecuteAsync(context);
                return;
            }
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        await next(context);
    }
}
