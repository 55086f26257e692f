using Dcrc.Kernel.Jobs;

namespace Dcrc.Features.Customers.Filing;

/// <summary>
/// Every week the system samples each store's records for the archive check (002 表14): the job looks every
/// hour and draws the current week's sample of every store that has none yet (drawing is once per store and
/// week, so a specialist who drew it by hand first is left alone).
/// </summary>
public sealed class WeeklyCheckJob(ArchiveAudit checks) : IScheduledJob
{
    public string Name => "archive.weeklyCheck";
    public TimeSpan Period => TimeSpan.FromHours(1);

    public async Task RunAsync(DateTime nowUtc, CancellationToken ct)
    {
        foreach (var store in await checks.StoresAsync())
        {
            ct.ThrowIfCancellationRequested();
            await checks.SampleAsync(store, ArchiveAudit.CurrentWeek(store));
        }
    }
}
