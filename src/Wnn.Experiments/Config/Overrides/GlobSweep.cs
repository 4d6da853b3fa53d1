namespace Wnn.Experiments.Config.Overrides;

/// <summary><c>glob(include, exclude=…)</c>: the options of the override's config group that match an include pattern and no exclude pattern.</summary>
public sealed record GlobSweep(ValueList<string> Include, ValueList<string> Exclude) : OverrideSweep(ValueList<string>.Empty)
{
    /// <summary>The names that match (fnmatch patterns: <c>*</c>, <c>?</c>, <c>[seq]</c>, <c>[!seq]</c>), in the given order.</summary>
    public IReadOnlyList<string> Filter(IEnumerable<string> names) =>
        [.. names.Where(n => Include.Any(p => FnMatch.IsMatch(n, p)) && !Exclude.Any(p => FnMatch.IsMatch(n, p)))];
}
