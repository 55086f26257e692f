namespace Dcrc.Kernel.Identifiers;

/// <summary>
/// The outcome of checking one identifier: the normalised value, or the resource key of what is wrong
/// (messages take the field's label as {0}, so they name the field in the user's language).
/// </summary>
public readonly record struct Checked(string? Value, string? ErrorKey)
{
    public bool Ok => ErrorKey is null;
    public static Checked Valid(string value) => new(value, null);
    public static Checked Invalid(string errorKey) => new(null, errorKey);
}
