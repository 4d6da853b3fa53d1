namespace Wnn.Contracts;

/// <summary>Where a configuration key is read.</summary>
[Flags]
public enum ConfigScope
{
    /// <summary>Read by <c>wnn search</c> (YAML, flags, overrides).</summary>
    Search = 1,

    /// <summary>Read in a flow's config (REST, <c>wnn flow create</c>, the dashboard's builder).</summary>
    Flow = 2,

    /// <summary>Both.</summary>
    All = Search | Flow,
}
