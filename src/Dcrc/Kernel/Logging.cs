using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Dcrc.Kernel;

public static partial class Logging
{
    public static ILoggingBuilder AddDcrcLogging(this ILoggingBuilder logging, IConfiguration config)
    {
        logging.ClearProviders();
        logging.AddConsole(o => o.FormatterName = RedactingJsonFormatter.FormatterName);
        logging.AddConsoleFormatter<RedactingJsonFormatter, ConsoleFormatterOptions>();
        // Request lines carry URLs, which may carry a phone number (screen pop); keep them out of the log.
        logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        logging.AddFilter("Microsoft.AspNetCore.Routing", LogLevel.Warning);
        logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Warning);
        return logging;
    }

    /// <summary>Masks mobile numbers, landlines with area code, and 15/18-character ID numbers in any text.</summary>
    public static string Redact(string text) => PersonalNumber().Replace(text, "[redacted]");

    [GeneratedRegex(@"(?<![0-9A-Za-z])(?:\d{17}[\dXx]|\d{15}|(?:\+?86[- ]?)?1[3-9]\d{9}|0\d{2,3}-?\d{7,8})(?![0-9A-Za-z])")]
    private static partial Regex PersonalNumber();
}

/// <summary>One JSON object per line; message and exception text pass through <see cref="Logging.Redact"/>.</summary>
public sealed class RedactingJsonFormatter() : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "dcrc-json";

    public override void Write<TState>(in LogEntry<TState> entry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = entry.Formatter?.Invoke(entry.State, entry.Exception);
        if (message is null && entry.Exception is null) return;
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("time", DateTime.UtcNow.ToString("O"));
            json.WriteString("level", entry.LogLevel.ToString());
            json.WriteString("category", entry.Category);
            if (entry.EventId.Id != 0) json.WriteNumber("eventId", entry.EventId.Id);
            json.WriteString("message", Logging.Redact(message ?? ""));
            if (entry.Exception != null) json.WriteString("exception", Logging.Redact(entry.Exception.ToString()));
            json.WriteEndObject();
        }
        textWriter.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
