namespace Dcrc.Kernel.Cases;

/// <summary>
/// The kind of a grievance (001 附表, 投诉分类): shared words of every desk that hears one — the call desk classifies a
/// complaint call with it, the callback centre a grievance voiced in a callback, complaint handling its cases.
/// </summary>
public enum ComplaintCategory { ProductQuality = 0, ServiceQuality = 1, PurchaseConditions = 2, UnmetExpectation = 3, Other = 4 }

/// <summary>How a complaint case's number reads wherever a case is linked (TS000123).</summary>
public static class CaseNumber
{
    public static string Of(long id) => $"TS{id:D6}";
}
