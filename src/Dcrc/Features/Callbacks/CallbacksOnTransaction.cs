using Dcrc.Features.Customers.Records;

namespace Dcrc.Features.Callbacks;

/// <summary>A delivery's or repair order's callbacks exist as soon as it is recorded (the job would find it within minutes).</summary>
public sealed class CallbacksOnTransaction(CallbackGeneration generation) : ITransactionFollowUp
{
    public Task RecordedAsync(CustomerTransaction transaction, CancellationToken ct = default) =>
        generation.GenerateAsync(transaction.Id, transaction.StoreId, ct);
}
