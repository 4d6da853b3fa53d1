namespace Wnn.Experiments.Config.Composition;

/// <summary>
/// One entry of a defaults list, with Hydra 1.3's path and package rules: a group path is relative to the containing
/// config's group unless it starts with '/'; a package from the defaults list is relative to the containing config's
/// package; a <c># @package</c> header is absolute; the default package is the group path with dots.
/// </summary>
internal abstract class DefaultsElement
{
    private const string Global = "_global_";

    /// <summary>The package written after '@' in the defaults list (or on the command line), if any.</summary>
    public string? Package { get; protected set; }

    public string? ParentBaseDir { get; private set; }

    public string? ParentPackage { get; private set; }

    /// <summary>The file's <c># @package</c> header in absolute form (<c>_global_</c> or <c>_global_.x.y</c>).</summary>
    public string? PackageHeader { get; private set; }

    public bool Primary { get; init; }

    public bool Optional { get; init; }

    public bool Deleted { get; set; }

    public abstract bool IsSelf { get; }

    public virtual bool IsOverride => false;

    public virtual bool IsExternalAppend => false;

    /// <summary>The group this entry selects from, from the config root (e.g. <c>server/db</c>).</summary>
    public abstract string GroupPath { get; }

    /// <summary>The config to load, from the config root (e.g. <c>server/db/mysql</c>).</summary>
    public abstract string ConfigPath { get; }

    /// <summary>The config name (option); null for a group entry set to null or to a list.</summary>
    public abstract string? Name { get; }

    public abstract bool IsInterpolation { get; }

    public bool IsMissing => Name == ConfigScalar.MissingMarker;

    public string DefaultPackage => GroupPath.Replace('/', '.');

    /// <summary>The key a command-line override uses for this entry: the group path, plus <c>@package</c> when the
    /// package is not the default one.</summary>
    public string OverrideKey
    {
        get
        {
            string final = FinalPackage(defaultToHeader: false);
            return DefaultPackage == final ? GroupPath : GroupPath + "@" + (final.Length == 0 ? Global : final);
        }
    }

    protected abstract string RelativeGroupPath { get; }

    public void UpdateParent(string? parentBaseDir, string? parentPackage)
    {
        ParentBaseDir = parentBaseDir;
        ParentPackage = parentPackage;
        if (Package is not null && Package.Contains("_group_", StringComparison.Ordinal))
        {
            Package = Global + "." + Package.Replace("_group_", DefaultPackage, StringComparison.Ordinal);
        }
    }

    public void SetPackageHeader(string? header)
    {
        if (header is null)
        {
            return;
        }

        PackageHeader = header == Global || header.StartsWith(Global + ".", StringComparison.Ordinal) ? header
            : header.Length == 0 ? Global
            : Global + "." + header;
    }

    public string? GetPackage(bool defaultToHeader = true) => Package is null && defaultToHeader ? PackageHeader : Package;

    /// <summary>Where this entry's content goes in the output config ("" is the root).</summary>
    public abstract string FinalPackage(bool defaultToHeader = true);

    public override string ToString() => ConfigPath;

    protected string ComputeFinalPackage(string? parentPackage, string? package, string? name)
    {
        package ??= RelativeGroupPath.Replace('/', '.');
        if (name is not null)
        {
            package = package.Replace("_name_", name, StringComparison.Ordinal);
        }

        string parent = parentPackage ?? "";
        string result = parent.Length == 0 ? package : package.Length == 0 ? parent : parent + "." + package;
        // Everything up to the last _global_ is dropped: what follows it is absolute.
        int global = result.LastIndexOf(Global, StringComparison.Ordinal);
        return global < 0 ? result : result[Math.Min(result.Length, global + Global.Length + 1)..];
    }
}
