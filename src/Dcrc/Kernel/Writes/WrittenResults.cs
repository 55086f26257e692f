using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace Dcrc.Kernel.Writes;

/// <summary>
/// The one mapping of a <see cref="Written{T}"/>: to RFC 7807 problem details for the API (404, 403, 400 with the
/// field errors, 409 for a stale version or a duplicate) and to field errors for the pages.
/// </summary>
public static class WrittenResults
{
    /// <summary>The API's answer: <paramref name="ok"/> of the saved value, or the problem of the refusal.</summary>
    public static Results<TOk, NotFound, ForbidHttpResult, ValidationProblem, ProblemHttpResult> ToApi<T, TOk>(this Written<T> w, Func<T, TOk> ok, IStringLocalizer l)
        where TOk : IResult => w.Status switch
        {
            WriteStatus.Saved => ok(w.Value!),
            WriteStatus.NotFound => TypedResults.NotFound(),
            // A refusal that says why (held by someone else) answers with its reason; a bare one with 403 alone.
            WriteStatus.Forbidden when First(w) is { } why => TypedResults.Problem(why, statusCode: StatusCodes.Status403Forbidden, title: l["Problem.Forbidden"]),
            WriteStatus.Forbidden => TypedResults.Forbid(),
            WriteStatus.Invalid => TypedResults.ValidationProblem(w.Errors, title: l["Problem.Validation"]),
            WriteStatus.Conflict => TypedResults.Problem(First(w) ?? l["Validation.Concurrency"], statusCode: StatusCodes.Status409Conflict, title: l["Problem.Conflict"]),
            _ => TypedResults.Problem(First(w), statusCode: StatusCodes.Status409Conflict, title: l["Problem.Duplicate"],
                extensions: new Dictionary<string, object?> { ["matches"] = w.Detail }),
        };

    /// <summary>As <see cref="ToApi{T, TOk}"/>, for an answer that needs reading after the save.</summary>
    public static async Task<Results<TOk, NotFound, ForbidHttpResult, ValidationProblem, ProblemHttpResult>> ToApiAsync<T, TOk>(this Written<T> w, Func<T, Task<TOk>> ok, IStringLocalizer l)
        where TOk : IResult
    {
        if (!w.Saved) return w.ToApi<T, TOk>(_ => throw new InvalidOperationException("A refusal has no answer to build."), l);
        return await ok(w.Value!);
    }

    private static string? First<T>(Written<T> w) => w.Errors.Values.SelectMany(m => m).FirstOrDefault();

    /// <summary>
    /// The refusal as errors of a page's form: a field's error goes to <c>{prefix}.{Field}</c>, the whole form's
    /// (and the stale version's, and <paramref name="summaryKeys"/>) to the summary.
    /// </summary>
    public static void AddTo(IReadOnlyDictionary<string, string[]> errors, ModelStateDictionary state, string prefix, params string[] summaryKeys)
    {
        foreach (var (key, messages) in errors)
        {
            var field = key.Length == 0 || key == "version" || summaryKeys.Contains(key) ? ""
                : prefix + "." + string.Join('.', key.Split('.').Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
            foreach (var m in messages) state.AddModelError(field, m);
        }
    }

    public static void AddTo<T>(this Written<T> w, ModelStateDictionary state, string prefix, params string[] summaryKeys) =>
        AddTo(w.Errors, state, prefix, summaryKeys);

    /// <summary>
    /// The binder's errors of a page's form (a value that is not a number, a date) by field, named as the write path names
    /// its own (<c>{prefix}.Field</c> → <c>field</c>), to be answered together with them; null when there are none.
    /// </summary>
    public static Dictionary<string, string[]>? BinderErrors(ModelStateDictionary state, string prefix) => state.IsValid ? null : state
        .Where(kv => kv.Value!.Errors.Count > 0)
        .ToDictionary(kv => kv.Key.StartsWith(prefix + ".", StringComparison.Ordinal) && kv.Key.Length > prefix.Length + 1
                ? char.ToLowerInvariant(kv.Key[prefix.Length + 1]) + kv.Key[(prefix.Length + 2)..] : kv.Key,
            kv => kv.Value!.Errors.Select(e => e.ErrorMessage).ToArray());

    /// <summary>For a page: 404 or 403 when the record is out of reach, else null (the form shows the errors).</summary>
    public static IActionResult? OutOfReach<T>(this Written<T> w) => w.Status switch
    {
        WriteStatus.NotFound => new NotFoundResult(),
        WriteStatus.Forbidden => new ForbidResult(),
        _ => null,
    };
}
