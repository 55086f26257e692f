namespace Dcrc.Kernel.Access;

/// <summary>
/// The stores whose records the current request may see. Filled once per request from the signed-in user
/// (and the store switcher); background jobs use <see cref="Everything"/>.
/// </summary>
public class StoreScope
{
    // A fresh scope sees nothing: a request sees stores only once the signed-in user has been resolved.
    public bool AllStores { get; private set; }
    public List<int> StoreIds { get; private set; } = [];

    /// <summary>Null when the user works across all of their stores.</summary>
    public int? CurrentStoreId { get; private set; }

    public static StoreScope Everything()
    {
        var scope = new StoreScope();
        scope.AllowAll(null);
        return scope;
    }

    public void Restrict(IEnumerable<int> storeIds, int? current)
    {
        AllStores = false;
        StoreIds = storeIds.Distinct().ToList();
        CurrentStoreId = current;
        if (current is { } c) StoreIds = StoreIds.Contains(c) ? [c] : [];
    }

    public void AllowAll(int? current)
    {
        CurrentStoreId = current;
        if (current is { } c) { AllStores = false; StoreIds = [c]; }
        else { AllStores = true; StoreIds = []; }
    }

    public bool CanSee(int storeId) => AllStores || StoreIds.Contains(storeId);
}
