namespace Dcrc.Kernel.Security;

/// <summary>Security settings, bound from configuration section <c>Dcrc:Security</c> (env <c>Dcrc__Security__*</c>).</summary>
public class SecurityOptions
{
    public const string Section = "Dcrc:Security";

    /// <summary>MLPS 2.0 (等保2.0) asks for at least 8 characters and three character classes.</summary>
    public int PasswordMinLength { get; set; } = 8;
    public int PasswordMaxLength { get; set; } = 64;
    /// <summary>Of upper case, lower case, digits and symbols, how many a password must use.</summary>
    public int PasswordCharacterClasses { get; set; } = 3;
    /// <summary>PBKDF2-HMAC-SHA512 iterations (OWASP ASVS 5.0: at least 210,000). Older hashes are upgraded at the next login.</summary>
    public int PasswordHashIterations { get; set; } = 210_000;
    public int LockoutFailedAttempts { get; set; } = 5;
    public int LockoutMinutes { get; set; } = 15;
    /// <summary>A session with no request for this long ends.</summary>
    public int IdleTimeoutMinutes { get; set; } = 30;
    /// <summary>A session ends this long after login however active it is.</summary>
    public int AbsoluteSessionHours { get; set; } = 10;
    public int ApiTokenMinutes { get; set; } = 60;
    /// <summary>
    /// Cookies are marked Secure whenever the request came over HTTPS. With this on, they always are, and
    /// plain HTTP is redirected to HTTPS: set it for any deployment beyond the loopback default.
    /// </summary>
    public bool RequireHttps { get; set; }
    /// <summary>Trust X-Forwarded-For/-Proto from a reverse proxy (TLS terminated there; client address for the audit log).</summary>
    public bool BehindProxy { get; set; }
    /// <summary>Serve plain HTTP to other machines too (off: only loopback clients may use plain HTTP).</summary>
    public bool AllowPlainHttpFromNetwork { get; set; }
    /// <summary>Password attempts (login form and token endpoint) per client address per minute.</summary>
    public int LoginAttemptsPerMinute { get; set; } = 30;

    public Microsoft.AspNetCore.Http.CookieSecurePolicy CookiePolicy =>
        RequireHttps ? Microsoft.AspNetCore.Http.CookieSecurePolicy.Always : Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
}
