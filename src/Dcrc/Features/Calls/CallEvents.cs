using System.Text.Json;
using Dcrc.Kernel.Access;

namespace Dcrc.Features.Calls;

/// <summary>
/// <c>GET /Calls/events</c>: Server-Sent Events for the signed-in agent's open call desk. Each call ringing on the
/// agent's line arrives as <c>event: call</c> with <c>{callId, number (masked), line}</c>; the page then asks for the
/// caller's card. A comment every 15 s keeps proxies from closing the stream and ends it once the user's session is no
/// longer valid; the browser's EventSource reconnects on its own (after <c>retry</c> ms).
/// </summary>
public static class CallEvents
{
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    public static void MapCallEvents(this WebApplication app) =>
        app.MapGet("/Calls/events", StreamAsync).RequireAuthorization(CallPermissions.Desk.Policy).ExcludeFromDescription();

    public static async Task StreamAsync(HttpContext context, CallSignals signals, CurrentUser me, AccessControl access)
    {
        var ct = context.RequestAborted;
        context.Response.ContentType = "text/event-stream; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers["X-Accel-Buffering"] = "no"; // nginx: pass events on at once
        using var subscription = signals.Subscribe(me.Id!);
        await context.Response.WriteAsync("retry: 3000\n: connected\n\n", ct);
        await context.Response.Body.FlushAsync(ct);
        var principal = me.Principal;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                using var beat = CancellationTokenSource.CreateLinkedTokenSource(ct);
                beat.CancelAfter(Heartbeat);
                try
                {
                    await subscription.Reader.WaitToReadAsync(beat.Token);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    if (!await access.IsCurrentAsync(principal)) return; // disabled, or password or roles changed: no more calls
                    await context.Response.WriteAsync(": ping\n\n", ct);
                    await context.Response.Body.FlushAsync(ct);
                    continue;
                }
                while (subscription.Reader.TryRead(out var signal))
                {
                    var data = JsonSerializer.Serialize(new { callId = signal.CallId, number = signal.MaskedNumber, line = signal.Line, missed = signal.Missed });
                    await context.Response.WriteAsync($"event: call\nid: {signal.CallId}\ndata: {data}\n\n", ct);
                }
                await context.Response.Body.FlushAsync(ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The page was closed or reloaded.
        }
    }
}
