using System.Net;
using System.Text;
using System.Text.Json;
using Dcrc.Features.Calls;
using Dcrc.Kernel.Api;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dcrc.Tests.Features.Calls;

/// <summary>The outbound side of the telephony adapter: the dial request as the telephony system receives it.</summary>
public class HttpTelephonyTests
{
    private sealed class Recorder(HttpStatusCode status, string answer) : HttpMessageHandler
    {
        public HttpRequestMessage? Request { get; private set; }
        public byte[] Body { get; private set; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            Request = request;
            Body = await request.Content!.ReadAsByteArrayAsync(ct);
            return new HttpResponseMessage(status) { Content = new StringContent(answer, Encoding.UTF8, "application/json") };
        }
    }

    private const string Secret = "telephony-unit-secret-0123456789";

    private static (HttpTelephony Telephony, Recorder Recorder) Make(HttpStatusCode status, string answer)
    {
        var recorder = new Recorder(status, answer);
        var options = Options.Create(new TelephonyOptions { Provider = "http", DialUrl = "https://pbx.example/dial", WebhookSecret = Secret });
        return (new HttpTelephony(new HttpClient(recorder), options, TimeProvider.System, NullLogger<HttpTelephony>.Instance), recorder);
    }

    [Fact]
    public async Task The_dial_request_carries_the_full_number_and_the_line_signed_like_the_telephony_systems_pushes()
    {
        var (telephony, recorder) = Make(HttpStatusCode.OK, """{"callId":"pbx-42"}""");
        var answer = await telephony.DialAsync(new DialRequest("r1", "TH02", "13812341312", "th.callback"), default);
        answer.ShouldBe(new DialAnswer(true, "pbx-42"));

        recorder.Request!.RequestUri!.ToString().ShouldBe("https://pbx.example/dial");
        var body = JsonSerializer.Deserialize<JsonElement>(recorder.Body);
        (body.GetProperty("requestId").GetString(), body.GetProperty("line").GetString(), body.GetProperty("number").GetString(), body.GetProperty("agent").GetString())
            .ShouldBe(("r1", "TH02", "13812341312", "th.callback"));
        var timestamp = recorder.Request.Headers.GetValues(SignedWebhook.TimestampHeader).Single();
        SignedWebhook.IsSigned(timestamp, recorder.Body, recorder.Request.Headers.GetValues(SignedWebhook.SignatureHeader).Single(), Secret).ShouldBeTrue();
    }

    [Fact]
    public async Task A_refusal_of_the_telephony_system_is_a_failed_dial_with_its_reason_and_personal_numbers_redacted()
    {
        var (telephony, _) = Make(HttpStatusCode.BadRequest, """{"error":"line TH02 busy dialling 13812341312"}""");
        var answer = await telephony.DialAsync(new DialRequest("r2", "TH02", "13812341312", "th.callback"), default);
        answer.Taken.ShouldBeFalse();
        answer.Error!.ShouldStartWith("HTTP 400");
        answer.Error.ShouldNotContain("13812341312");
    }
}
