namespace Dcrc.Kernel;

/// <summary>
/// Work the app does once, in the background, after it has started answering (today: seeding the demo
/// dealership on a fresh database, so that <c>/health</c> answers within seconds of the run command). While it
/// runs, logins are refused with "being prepared" (the login page says so and reloads when it is done) and the
/// scheduled jobs wait, so nothing writes beside it.
/// </summary>
public sealed class StartupWork(IHostApplicationLifetime lifetime, ILogger<StartupWork> log)
{
    private Task _done = Task.CompletedTask;

    public bool Running => !_done.IsCompleted;
    /// <summary>The last work threw (logged); the app runs on without what it would have made.</summary>
    public bool Failed { get; private set; }
    /// <summary>Completes when the work has finished or failed; never faults.</summary>
    public Task Done => _done;

    /// <summary>Starts <paramref name="work"/> once the app has started; called before the server listens, so no request sees it idle.</summary>
    public void Run(string what, Func<CancellationToken, Task> work)
    {
        if (Running) throw new InvalidOperationException("Startup work is already running.");
        Failed = false;
        var ct = lifetime.ApplicationStopping;
        _done = Task.Run(async () =>
        {
            try
            {
                await Started(ct);
                log.LogInformation("Preparing {Work} in the background", what);
                await work(ct);
                log.LogInformation("{Work} ready", what);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                log.LogWarning("{Work} stopped with the app before it was done; nothing of it was kept", what);
            }
            catch (Exception e)
            {
                Failed = true;
                log.LogError(e, "{Work} failed", what);
            }
        }, CancellationToken.None);
    }

    private Task Started(CancellationToken ct)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        ct.Register(() => started.TrySetCanceled(ct));
        return started.Task;
    }
}
