using System.Text.Json;
using Dcrc.Kernel.Access;
using Dcrc.Kernel.Writes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dcrc.Features.Calls;

/// <summary>What the status beside a dial button says: the attempt (polled until its call has ended) or why there is none.</summary>
public sealed record DialStatusView(DialAttempt? Attempt, string Suffix, string? Error);

/// <summary>
/// The dial button's requests (htmx): POST asks the telephony system to call, GET ?handler=Status follows the call
/// until it has ended; the answer that tells the end carries an <c>HX-Trigger</c> "dcrc-dialed" with the outcome it
/// suggests, which the callback screen pre-selects.
/// </summary>
[RequirePermission("calls.dial")]
public class DialModel(Dialer dialer) : PageModel
{
    public IActionResult OnGet() => NotFound();

    public async Task<IActionResult> OnPostAsync(long? customerId, long? taskId, string? suffix, CancellationToken ct)
    {
        var written = await dialer.DialAsync(customerId, taskId, ct);
        if (written.Status is WriteStatus.NotFound or WriteStatus.Forbidden) return NotFound();
        return Shown(written.Saved ? written.Value : null, suffix, written.Saved ? null : written.Errors.Values.SelectMany(e => e).FirstOrDefault());
    }

    public async Task<IActionResult> OnGetStatusAsync(long id, string? suffix) =>
        await dialer.FindAsync(id) is { } attempt ? Shown(attempt, suffix, null) : NotFound();

    private PartialViewResult Shown(DialAttempt? attempt, string? suffix, string? error)
    {
        if (attempt is { Ended: true })
            Response.Headers["HX-Trigger"] = JsonSerializer.Serialize(new Dictionary<string, object?>
            {
                ["dcrc-dialed"] = new { status = attempt.Status.ToString(), outcome = Dialer.SuggestedOutcome(attempt.Status)?.ToString().ToLowerInvariant() },
            });
        return Partial("_DialStatus", new DialStatusView(attempt, Suffix(suffix), error));
    }

    /// <summary>Only letters, digits and dashes: the suffix goes into element ids.</summary>
    private static string Suffix(string? s) => s is { Length: <= 20 } && s.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') ? s : "";
}
