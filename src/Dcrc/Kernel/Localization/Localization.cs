using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Dcrc.Kernel.Localization;

public static class Cultures
{
    public const string Chinese = "zh-CN";
    public const string English = "en";
    public static readonly CultureInfo[] Supported = [new(Chinese), new(English)];

    /// <summary>
    /// Work outside a request (a job, a provider's webhook without a language) writes its texts in the default
    /// language, Chinese, rather than in the invariant culture that has no resources. Affects the calling async flow only.
    /// </summary>
    public static void UseDefaultWhenUnset()
    {
        if (CultureInfo.CurrentUICulture.Equals(CultureInfo.InvariantCulture)) CultureInfo.CurrentUICulture = Supported[0];
    }

    /// <summary>
    /// A text of the scripts, which are spoken in Chinese whatever the screen's language: a salutation inside a Chinese
    /// script reads 令狐先生, never "Mr 令狐".
    /// </summary>
    public static string InChinese(IStringLocalizer l, string key, params object[] args) => In(l, Supported[0], key, args);

    /// <summary>A text in the given language whatever the request's (an import's column in either language).</summary>
    public static string In(IStringLocalizer l, CultureInfo culture, string key, params object[] args)
    {
        var ui = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = culture;
        try { return l[key, args]; }
        finally { CultureInfo.CurrentUICulture = ui; }
    }

    public static RequestLocalizationOptions Options()
    {
        var o = new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(Chinese),
            SupportedCultures = Supported,
            SupportedUICultures = Supported,
            FallBackToParentCultures = true,
            FallBackToParentUICultures = true,
        };
        // Cookie (the switcher) first, then the browser's Accept-Language; no query-string switch.
        o.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        return o;
    }
}

/// <summary>Keys looked up but missing in the current culture's resources; the page walk test fails on any.</summary>
public class MissingResources
{
    private readonly ConcurrentDictionary<string, byte> _missing = new();
    public void Add(string culture, string key) => _missing.TryAdd($"{culture}:{key}", 0);
    public IReadOnlyCollection<string> All => _missing.Keys.ToList();
}

/// <summary>Wraps the resource-file localizers to record keys that are not found.</summary>
public class RecordingLocalizerFactory(IOptions<LocalizationOptions> options, ILoggerFactory logs, MissingResources missing) : IStringLocalizerFactory
{
    private readonly ResourceManagerStringLocalizerFactory _inner = new(options, logs);
    private readonly ILogger _log = logs.CreateLogger<RecordingLocalizerFactory>();

    public IStringLocalizer Create(Type resourceSource) => new Recording(_inner.Create(resourceSource), this);
    public IStringLocalizer Create(string baseName, string location) => new Recording(_inner.Create(baseName, location), this);

    private void Missed(string key)
    {
        var culture = CultureInfo.CurrentUICulture.Name;
        missing.Add(culture, key);
        _log.LogWarning("Resource key {Key} missing for culture {Culture}", key, culture);
    }

    private sealed class Recording(IStringLocalizer inner, RecordingLocalizerFactory owner) : IStringLocalizer
    {
        public LocalizedString this[string name] => Check(inner[name]);
        public LocalizedString this[string name, params object[] arguments] => Check(inner[name, arguments]);
        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => inner.GetAllStrings(includeParentCultures);

        private LocalizedString Check(LocalizedString s)
        {
            if (s.ResourceNotFound) owner.Missed(s.Name);
            return s;
        }
    }
}
