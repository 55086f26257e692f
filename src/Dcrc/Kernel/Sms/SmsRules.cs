using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Dcrc.Kernel.Sms;

/// <summary>The outbox's rules that need no database: consent, opt-out replies, retry timing, reply identity.</summary>
public static class SmsRules
{
    /// <summary>
    /// Why a message may not be sent, given the latest preference recorded for its mobile and purpose (null:
    /// none). Service reminders and surveys go out unless the customer opted out of that purpose; marketing
    /// needs a recorded consent that was not withdrawn later.
    /// </summary>
    public static SmsBlockedReason? Refusal(SmsPurpose purpose, SmsPreference? latest) =>
        latest is { Allowed: false } ? SmsBlockedReason.OptedOut
        : purpose == SmsPurpose.Marketing && latest is null ? SmsBlockedReason.NoConsent
        : null;

    /// <summary>
    /// A reply asking to unsubscribe: <c>TD</c> in any case or width, or <c>退订</c>, with surrounding spaces
    /// and punctuation ignored ("td", "ＴＤ", " TD。").
    /// </summary>
    public static bool IsOptOut(string? text)
    {
        var t = (text ?? "").Normalize(NormalizationForm.FormKC);
        t = new string(t.Where(c => !char.IsWhiteSpace(c) && !char.IsPunctuation(c) && !char.IsSymbol(c)).ToArray()).ToUpperInvariant();
        return t is "TD" or "退订";
    }

    /// <summary>
    /// When to try again after a transient failure, <paramref name="attempts"/> attempts made so far: the first
    /// delay, doubled after each further failure; null once <paramref name="maxAttempts"/> are used up.
    /// </summary>
    public static DateTime? NextAttempt(DateTime now, int attempts, int maxAttempts, int firstDelayMinutes)
    {
        if (attempts >= maxAttempts) return null;
        var doublings = Math.Clamp(attempts - 1, 0, 30);
        return now.AddMinutes(firstDelayMinutes * Math.Pow(2, doublings));
    }

    /// <summary>
    /// Identifies one inbound message across a provider's retries: its id at the provider when given, else a
    /// hash of sender, text and the time the provider received it (to the second).
    /// </summary>
    public static string ReplyKey(string? providerReplyId, string from, string text, DateTime receivedAtUtc)
    {
        if (!string.IsNullOrWhiteSpace(providerReplyId)) return "id:" + providerReplyId.Trim();
        var at = receivedAtUtc.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{from}\n{at}\n{text}"));
        return "h:" + Convert.ToHexStringLower(hash);
    }

    /// <summary>The text as the provider gets it: the registered signature (【店名】) first, unless the body starts with it.</summary>
    public static string WithSignature(string body, string? signature) =>
        string.IsNullOrWhiteSpace(signature) || body.StartsWith(signature.Trim(), StringComparison.Ordinal) ? body : signature.Trim() + body;

    public static string Clip(string? text, int max) => text is null ? "" : text.Length > max ? text[..max] : text;
}
