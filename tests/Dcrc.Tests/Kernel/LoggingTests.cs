using Dcrc.Kernel;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dcrc.Tests.Kernel;

public class LoggingTests
{
    [Theory]
    [InlineData("lookup 13812345678 done", "lookup [redacted] done")]
    [InlineData("caller +86 13912345678", "caller [redacted]")]
    [InlineData("caller +8613912345678.", "caller [redacted].")]
    [InlineData("id 11010519491231002X ok", "id [redacted] ok")]
    [InlineData("id 110105491231002 ok", "id [redacted] ok")]
    [InlineData("tel 020-38881234", "tel [redacted]")]
    [InlineData("/api/v1/lookup/phone/15900001111", "/api/v1/lookup/phone/[redacted]")]
    public void Personal_numbers_are_redacted(string input, string expected) => Logging.Redact(input).ShouldBe(expected);

    [Theory]
    [InlineData("Database schema at version 2")]
    [InlineData("order 2026-11-22 took 12345 ms")]
    [InlineData("VIN LSVAU2180N2184736")]
    public void Other_text_is_left_alone(string input) => Logging.Redact(input).ShouldBe(input);

    [Fact]
    public void The_console_formatter_writes_one_redacted_json_line()
    {
        var formatter = new RedactingJsonFormatter();
        var writer = new StringWriter();
        var entry = new LogEntry<string>(LogLevel.Warning, "Test", new EventId(7), "called by 13812345678", null, (s, _) => s);
        formatter.Write(in entry, null, writer);
        var line = writer.ToString().Trim();
        line.ShouldStartWith("{");
        line.ShouldContain("\"level\":\"Warning\"");
        line.ShouldNotContain("13812345678");
        line.ShouldContain("[redacted]");
    }
}
