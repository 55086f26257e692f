namespace Dcrc.Features.Customers;

/// <summary>A lead of the customer as the card lists it (the prospects' words as resource keys).</summary>
public sealed record CustomerLead(long Id, string Number, string StateKey, string SourceKey, string IntentLevel, string? Series, string? ConsultantName,
    DateTime CreatedAt, DateTime? OrderedAt, int Attempts, int Visits);

/// <summary>
/// The seam to the prospects, which sit above the archive: the leads of an archive customer (an owner's new interest,
/// or the lead the archive was made from), for the customer's card. Implemented by <c>Leads.LeadViews</c>.
/// </summary>
public interface ICustomerLeads
{
    Task<IReadOnlyList<CustomerLead>> OfCustomerAsync(long customerId);
}
