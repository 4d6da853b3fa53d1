using System.Text.RegularExpressions;

namespace Wnn.Experiments.Config.Composition;

/// <summary>Interpolation inside a defaults list (<c>- combo: ${server}_${db}</c>): only the choices of groups, by
/// their override keys; never values of the config being composed (it does not exist yet).</summary>
internal static partial class DefaultsInterpolation
{
    [GeneratedRegex(@"\$\{\s*([^{}]*?)\s*\}")]
    private static partial Regex Reference();

    public static string Resolve(string text, IReadOnlyDictionary<string, string?> choices, string containingConfig)
    {
        string result = Reference().Replace(text, m =>
            choices.TryGetValue(m.Groups[1].Value, out string? choice) && choice is not null ? choice : m.Value);
        if (result.Contains("${", StringComparison.Ordinal))
        {
            throw new ConfigCompositionException(
                $"In '{containingConfig}': Error resolving interpolation '{text}' in the defaults list; possible interpolation keys: {DefaultsOverrides.Describe([.. choices.Keys])}");
        }

        return result;
    }
}
