namespace Dcrc.Features.Callbacks;

/// <summary>A showroom visit as the callback screen shows it: the visitor's number masked.</summary>
public sealed record SourceVisit(long Id, long LeadId, string LeadNumber, int StoreId, DateTime ArrivedAt, DateTime? LeftAt, int PartySize, string VisitorName,
    string MaskedMobile, string? Model, string? ConsultantName, bool TestDrive, string IntentLevel);

/// <summary>
/// The seam to the prospects (Leads sits above the callback centre, which it opens callbacks in): the visit a showroom
/// visit task was opened for, and the visitor's number for a call the user makes on that task.
/// </summary>
public interface ISourceVisits
{
    /// <summary>The visit, in the user's stores; null when there is none.</summary>
    Task<SourceVisit?> FindAsync(long visitId);

    /// <summary>The visitors of these visits (the queue's lines), their numbers masked; one query.</summary>
    Task<Dictionary<long, (string? Name, string? MaskedMobile)>> VisitorsAsync(IReadOnlyCollection<long> visitIds);

    /// <summary>The visitor's mobile in full, for the telephony system or to dial (audited); null when there is no such visit in the store.</summary>
    Task<string?> NumberForCallAsync(int storeId, long visitId, string why);
}
