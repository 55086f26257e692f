namespace Dcrc;

/// <summary>Marker for the one resource set of the UI: Resources/SharedResource.zh-CN.resx and SharedResource.en.resx.</summary>
public sealed class SharedResource;
