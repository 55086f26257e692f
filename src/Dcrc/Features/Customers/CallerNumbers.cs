namespace Dcrc.Features.Customers;

/// <summary>
/// A seam for the call desk, which sits above the archive: the number of a call the user may see (the store filter
/// applies), so that a new caller's archive starts with it without the number travelling in the page's address.
/// </summary>
public interface ICallerNumbers
{
    Task<string?> NumberOfCallAsync(long callId);
}
