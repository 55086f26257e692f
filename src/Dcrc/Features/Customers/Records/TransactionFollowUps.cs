namespace Dcrc.Features.Customers.Records;

/// <summary>
/// A seam for the features that act on a sale or repair order as soon as it is recorded (the callback centre makes its
/// tasks at once instead of at the next run of its job). Called inside the transaction that records it, so a failure
/// records neither. The archive does not know who listens: the listening feature registers its implementation.
/// </summary>
public interface ITransactionFollowUp
{
    Task RecordedAsync(CustomerTransaction transaction, CancellationToken ct = default);
}
