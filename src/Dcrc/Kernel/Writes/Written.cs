namespace Dcrc.Kernel.Writes;

/// <summary>How a change ended. One list for every use case that writes, mapped once (<see cref="WrittenResults"/>).</summary>
public enum WriteStatus { Saved, NotFound, Forbidden, Invalid, Conflict, Duplicate }

/// <summary>
/// The result of a use case that changes data: saved (with the record), or refused with field errors keyed by
/// the camelCase name of the field (<c>""</c> for the whole form). <see cref="Detail"/> carries what a refusal
/// shows besides its errors (the matching archives of a duplicate). Made by <see cref="UnitOfWork"/>, which
/// guarantees that a refused change leaves nothing pending.
/// </summary>
public sealed record Written<T>(WriteStatus Status, T? Value, IReadOnlyDictionary<string, string[]> Errors, object? Detail = null)
{
    public bool Saved => Status == WriteStatus.Saved;

    /// <summary>The same refusal for another result type (a use case that calls another and passes its refusal on).</summary>
    public Written<TOther> As<TOther>() => Saved
        ? throw new InvalidOperationException("A saved result is not passed on as another type.")
        : new(Status, default, Errors, Detail);
}

/// <summary>Refusals that need no unit of work: nothing was changed yet.</summary>
public static class Written
{
    public static readonly IReadOnlyDictionary<string, string[]> NoErrors = new Dictionary<string, string[]>();
    public static Written<T> NotFound<T>() => new(WriteStatus.NotFound, default, NoErrors);
    public static Written<T> Forbidden<T>() => new(WriteStatus.Forbidden, default, NoErrors);
    /// <summary>Nothing to do: the record is already as asked (a repeated approval, a repeated claim).</summary>
    public static Written<T> Unchanged<T>(T value) => new(WriteStatus.Saved, value, NoErrors);
}
