namespace Dcrc.Kernel.Api;

/// <summary>One page of a list, as the API returns it.</summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);
