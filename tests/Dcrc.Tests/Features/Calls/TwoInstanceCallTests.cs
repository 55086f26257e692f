using System.Net;
using Dcrc.Features.Calls;
using Dcrc.Tests.Infrastructure;
using Dcrc.Tests.Kernel.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace Dcrc.Tests.Features.Calls;

/// <summary>Two instances on one PostgreSQL: a call posted to one pops on the desk of an agent connected to the other (LISTEN/NOTIFY).</summary>
[Collection(PostgresCollection.Name)]
public class TwoInstanceCallTests
{
    [Fact]
    public async Task A_call_posted_to_one_instance_reaches_the_agent_connected_to_the_other()
    {
        var database = "dcrc_calls_" + Guid.NewGuid().ToString("N")[..12];
        await Postgres.CreateDatabaseAsync(database);
        var a = new Instance(database);
        var b = new Instance(database);
        try
        {
            await a.InitializeAsync();
            await b.InitializeAsync();
            var line = CallData.NewLine();
            var (_, agent) = await CallData.LineAsync(a, line);
            var listener = b.Services.GetRequiredService<CallSignalListener>();
            for (var i = 0; i < 1200 && !listener.Listening; i++) await Task.Delay(50); // a condition, not a guess of time
            listener.Listening.ShouldBeTrue();

            using var onB = b.Services.GetRequiredService<CallSignals>().Subscribe(agent);
            using var onA = a.Services.GetRequiredService<CallSignals>().Subscribe(agent);
            var pushed = await CallData.PushAsync(a, "/api/v1/calls/incoming", new { number = "13812345678", line });
            pushed.StatusCode.ShouldBe(HttpStatusCode.OK, await pushed.Content.ReadAsStringAsync());

            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var fromOther = await onB.Reader.ReadAsync(wait.Token);
            var local = await onA.Reader.ReadAsync(wait.Token);
            (fromOther.CallId, fromOther.MaskedNumber, fromOther.Line).ShouldBe((local.CallId, "138****5678", line));
            // Each instance delivers a call once: its own at once, the other's through the database.
            await Task.Delay(300);
            onA.Reader.TryRead(out _).ShouldBeFalse();
            onB.Reader.TryRead(out _).ShouldBeFalse();
        }
        finally
        {
            await a.DisposeAsync();
            await b.DisposeAsync();
            await Postgres.DropDatabaseAsync(database);
        }
    }
}
