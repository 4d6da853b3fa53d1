namespace Wnn.Experiments.Sweeps;

/// <summary>Where a sweep definition came from: the config file, its command-line overrides and options (recorded so resume reads it again the same way).</summary>
/// <param name="Path">The config file.</param>
/// <param name="Overrides">Command-line overrides (<c>key=value</c>).</param>
/// <param name="Options">Command-line options.</param>
public sealed record SweepSource(string Path, IReadOnlyList<string> Overrides, SweepReadOptions Options);
