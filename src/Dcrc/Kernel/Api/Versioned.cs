using Microsoft.Extensions.Localization;

namespace Dcrc.Kernel.Api;

/// <summary>
/// Every change of an existing record carries the version it was read at: without one a stale write could not be
/// told apart from a fresh one. One rule and one message (400 naming <c>version</c>) for the pages and the API.
/// </summary>
public static class Versioned
{
    /// <summary>The field error of a change that names no version, or null when it names one.</summary>
    public static Dictionary<string, string[]>? Missing(int? version, IStringLocalizer l) =>
        version is null ? new() { ["version"] = [l["Validation.Required", l["Field.Version"]]] } : null;
}
