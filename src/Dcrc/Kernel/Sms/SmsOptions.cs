namespace Dcrc.Kernel.Sms;

/// <summary>The SMS provider, bound from configuration section <c>Dcrc:Sms</c> (env <c>Dcrc__Sms__*</c>).</summary>
public class SmsOptions
{
    public const string Section = "Dcrc:Sms";
    public const string LocalProvider = "local";
    public const string HttpProvider = "http";

    /// <summary><c>local</c> (default: messages are recorded as sent and logged, nothing leaves the machine) or <c>http</c>.</summary>
    public string Provider { get; set; } = LocalProvider;
    /// <summary>Key of the HMAC-SHA256 the provider signs its webhook calls with; without it the webhooks refuse every call.</summary>
    public string? WebhookSecret { get; set; }
    /// <summary>A webhook call whose signed timestamp is further than this from now is refused (a replay).</summary>
    public int WebhookToleranceSeconds { get; set; } = Api.SignedWebhook.DefaultToleranceSeconds;
    public SmsHttpOptions Http { get; set; } = new();
    /// <summary>
    /// A run of the outbox job starts no new send after this long: the run holds its claim's transaction (on
    /// SQLite, the database's write lock) while it talks to the provider.
    /// </summary>
    public int RunBudgetSeconds { get; set; } = 20;

    public bool UsesHttp => string.Equals(Provider, HttpProvider, StringComparison.OrdinalIgnoreCase);

    /// <summary>Start-up check: a known provider, and a URL for <c>http</c>.</summary>
    public bool IsValid() =>
        (UsesHttp || string.Equals(Provider, LocalProvider, StringComparison.OrdinalIgnoreCase))
        && (!UsesHttp || Uri.TryCreate(Http.Url, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp))
        && Http.TimeoutSeconds is > 0 and <= 120 && RunBudgetSeconds > 0;
}

/// <summary><c>Dcrc:Sms:Http</c>: a provider that takes <c>POST {to, text, clientId}</c> with a bearer API key.</summary>
public class SmsHttpOptions
{
    public string? Url { get; set; }
    public string? ApiKey { get; set; }
    /// <summary>The registered signature (【店名】) put before every text that does not start with it.</summary>
    public string? Signature { get; set; }
    public int TimeoutSeconds { get; set; } = 10;
}
