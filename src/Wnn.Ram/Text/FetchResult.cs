namespace Wnn.Ram.Text;

/// <summary>Outcome of fetching one <see cref="DataPackage"/>: where it is and whether it was already there.</summary>
public sealed record FetchResult(DataPackage Package, string Path, bool AlreadyPresent, string Description);
