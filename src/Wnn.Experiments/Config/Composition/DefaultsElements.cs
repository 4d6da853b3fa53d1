namespace Wnn.Experiments.Config.Composition;

/// <summary>A defaults-list entry naming a config (<c>- server/apache</c>, <c>- db/mysql@backup</c>, <c>- _self_</c>).</summary>
internal sealed class ConfigDefault : DefaultsElement
{
    public const string Self = "_self_";

    public ConfigDefault(string path, string? package = null)
    {
        Path = path;
        Package = package == "_here_" ? "" : package;
        if (IsSelf && package is not null)
        {
            throw new ConfigCompositionException("_self_@PACKAGE is not supported in a defaults list");
        }
    }

    public string Path { get; private set; }

    public override bool IsSelf => Path == Self;

    public override string GroupPath
    {
        get
        {
            (string path, bool absolute) = Strip(Path);
            int slash = path.LastIndexOf('/');
            string group = slash < 0 ? "" : path[..slash];
            if (absolute || ParentBaseDir is null or "")
            {
                return group;
            }

            return group.Length == 0 ? ParentBaseDir : ParentBaseDir + "/" + group;
        }
    }

    public override string ConfigPath
    {
        get
        {
            (string path, bool absolute) = Strip(Path);
            return absolute || ParentBaseDir is null or "" ? path : ParentBaseDir + "/" + path;
        }
    }

    public override string? Name => Path[(Path.LastIndexOf('/') + 1)..];

    public override bool IsInterpolation => Path.Contains("${", StringComparison.Ordinal);

    protected override string RelativeGroupPath
    {
        get
        {
            string path = Strip(Path).Path;
            int slash = path.LastIndexOf('/');
            return slash < 0 ? "" : path[..slash];
        }
    }

    public override string FinalPackage(bool defaultToHeader = true) => ComputeFinalPackage(ParentPackage, GetPackage(defaultToHeader), Name);

    public void ResolveInterpolation(Func<string, string> resolve)
    {
        (string path, bool absolute) = Strip(Path);
        string resolved = resolve(path);
        Path = absolute ? "/" + resolved.TrimStart('/') : resolved;
    }

    internal static (string Path, bool Absolute) Strip(string path) => path.StartsWith('/') ? (path[1..], true) : (path, false);
}

/// <summary>A defaults-list entry selecting an option of a group (<c>- db: mysql</c>, <c>- optional db@backup: x</c>,
/// <c>- override db: sqlite</c>, <c>- db: [a, b]</c>, <c>- db: null</c>), or a <c>+group=option</c> from the command line.</summary>
internal sealed class GroupDefault : DefaultsElement
{
    public GroupDefault(string group, object? value, string? package = null)
    {
        if (group.Length == 0)
        {
            throw new ConfigCompositionException("a defaults list entry has an empty group name");
        }

        Group = group;
        Value = value;
        Package = package == "_here_" ? "" : package;
    }

    public string Group { get; }

    /// <summary>The option: a string, a list of strings (several options), or null (nothing selected yet).</summary>
    public object? Value { get; set; }

    public bool Override { get; init; }

    public bool ExternalAppend { get; init; }

    public override bool IsSelf => Value is ConfigDefault.Self;

    public override bool IsOverride => Override;

    public override bool IsExternalAppend => ExternalAppend;

    public bool IsOptions => Value is IReadOnlyList<string>;

    public IReadOnlyList<string> Options => Value as IReadOnlyList<string> ?? [];

    public override string GroupPath
    {
        get
        {
            (string group, bool absolute) = ConfigDefault.Strip(Group);
            return absolute || ExternalAppend || ParentBaseDir is null or "" ? group : ParentBaseDir + "/" + group;
        }
    }

    public override string ConfigPath => GroupPath + "/" + Name;

    public override string? Name => Value as string;

    public override bool IsInterpolation => Value is string s && s.Contains("${", StringComparison.Ordinal);

    /// <summary>The key as written in the containing config, for error messages.</summary>
    public string RelativeOverrideKey => Package is not null && DefaultPackage != GetPackage() ? Group + "@" + Package : Group;

    protected override string RelativeGroupPath => ConfigDefault.Strip(Group).Path;

    public override string FinalPackage(bool defaultToHeader = true) =>
        ComputeFinalPackage(ExternalAppend ? "" : ParentPackage, GetPackage(defaultToHeader), Name);
}
