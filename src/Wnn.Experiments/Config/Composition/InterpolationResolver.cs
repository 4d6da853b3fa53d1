using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Wnn.Experiments.Config.Composition;

/// <summary>
/// Resolves OmegaConf interpolations in a tree: <c>${a.b}</c>, relative <c>${.x}</c> / <c>${..x}</c>, list items
/// <c>${a.0}</c> or <c>${a[0]}</c>, nested keys <c>${a.${b}}</c>, text with several (<c>exp_${now:%Y}_${name}</c>), escapes
/// (<c>\${x}</c> stays literal) and the resolvers <c>now</c>, <c>oc.env</c>, <c>oc.select</c> and <c>hydra</c>. A value that
/// is exactly one interpolation keeps the target's type (even a mapping); in text, values are written as Python's str().
/// </summary>
internal sealed partial class InterpolationResolver(ConfigMapping root, ConfigCompositionContext context)
{
    private readonly Dictionary<string, ConfigNode> _done = new(StringComparer.Ordinal);
    private readonly List<string> _inProgress = [];

    [GeneratedRegex(@"^\s*([A-Za-z_][\w\-]*(?:\.[A-Za-z_][\w\-]*)*)\s*:")]
    private static partial Regex ResolverHead();

    /// <summary>A resolved copy of the node at <paramref name="path"/> (segments from the root).</summary>
    public ConfigNode Resolve(ConfigNode node, IReadOnlyList<string> path) => node switch
    {
        ConfigMapping map => ResolveContainer(map, path),
        ConfigSequence seq => ResolveContainer(seq, path),
        ConfigScalar { IsInterpolation: true } s => ResolveValue((string)s.Value!, path),
        _ => node,
    };

    /// <summary>The resolved node at an absolute dotted key (following interpolations on the way), or null if absent.</summary>
    public ConfigNode? ResolveKey(string key) => Select(key, [], key, key);

    private ConfigNode ResolveContainer(ConfigNode container, IReadOnlyList<string> path)
    {
        string memo = "{}" + string.Join('.', path);
        if (_done.TryGetValue(memo, out ConfigNode? cached))
        {
            return cached;
        }

        ConfigNode result;
        if (container is ConfigMapping map)
        {
            var resolved = new ConfigMapping();
            foreach (var (key, child) in map.Entries)
            {
                resolved[key] = Resolve(child, [.. path, key]);
            }

            result = resolved;
        }
        else
        {
            var seq = (ConfigSequence)container;
            result = new ConfigSequence(seq.Items.Select((child, i) => Resolve(child, [.. path, i.ToString(CultureInfo.InvariantCulture)])));
        }

        _done[memo] = result;
        return result;
    }

    private ConfigNode ResolveValue(string text, IReadOnlyList<string> path)
    {
        string key = string.Join('.', path);
        if (_done.TryGetValue(key, out ConfigNode? cached))
        {
            return cached;
        }

        int start = _inProgress.IndexOf(key);
        if (start >= 0)
        {
            string cycle = string.Join(" -> ", _inProgress.Skip(start).Append(key));
            throw new ConfigCompositionException($"interpolation cycle at '{key}': {cycle}");
        }

        _inProgress.Add(key);
        try
        {
            ConfigNode result = EvaluateText(text, path, key);
            _done[key] = result;
            return result;
        }
        finally
        {
            _inProgress.RemoveAt(_inProgress.Count - 1);
        }
    }

    /// <summary>Evaluates a string with interpolations: one interpolation alone gives the target node, text gives a string.</summary>
    private ConfigNode EvaluateText(string text, IReadOnlyList<string> path, string at)
    {
        List<(string? Literal, string? Expression)> parts = Split(text, at);
        if (parts.Count == 1 && parts[0].Expression is string only)
        {
            return EvaluateExpression(only, path, at);
        }

        var result = new StringBuilder();
        foreach (var (literal, expression) in parts)
        {
            if (literal is not null)
            {
                result.Append(literal);
                continue;
            }

            ConfigNode value = EvaluateExpression(expression!, path, at);
            if (value is not ConfigScalar scalar)
            {
                throw new ConfigCompositionException($"'{at}': '${{{expression}}}' is a {(value is ConfigMapping ? "mapping" : "list")} and cannot be part of the text '{text}'");
            }

            result.Append(PythonText.Str(scalar.Value));
        }

        return new ConfigScalar(result.ToString());
    }

    private string EvaluateToText(string text, IReadOnlyList<string> path, string at) =>
        EvaluateText(text, path, at) is ConfigScalar scalar ? PythonText.Str(scalar.Value)
            : throw new ConfigCompositionException($"'{at}': '{text}' is a mapping or list where text is needed");

    private ConfigNode EvaluateExpression(string expression, IReadOnlyList<string> path, string at)
    {
        Match head = ResolverHead().Match(expression);
        if (head.Success && !expression[..head.Length].Contains("${", StringComparison.Ordinal))
        {
            string name = head.Groups[1].Value;
            List<ConfigNode> args = SplitArguments(expression[head.Length..], at).Select(a => EvaluateArgument(a, path, at)).ToList();
            return CallResolver(name, args, expression, path, at);
        }

        string key = expression.Trim();
        if (key.Contains("${", StringComparison.Ordinal))
        {
            key = EvaluateToText(key, path, at);
        }

        return Select(key, path, at, expression) ?? throw new ConfigCompositionException(
            $"interpolation '${{{expression}}}' at '{at}': key '{key}' not found");
    }

    private ConfigNode CallResolver(string name, List<ConfigNode> args, string expression, IReadOnlyList<string> path, string at)
    {
        string Text(int i) => args[i] is ConfigScalar { Value: var v } ? PythonText.Str(v)
            : throw new ConfigCompositionException($"'{at}': argument {i + 1} of '${{{expression}}}' must be a value");
        switch (name)
        {
            case "now":
                if (args.Count != 1)
                {
                    throw new ConfigCompositionException($"'{at}': '${{{expression}}}' takes one strftime format, e.g. ${{now:%Y-%m-%d_%H-%M-%S}}");
                }

                return new ConfigScalar(Strftime.Format(context.Now, Text(0)));
            case "oc.env":
                if (args.Count is < 1 or > 2)
                {
                    throw new ConfigCompositionException($"'{at}': '${{{expression}}}' takes a variable name and an optional default: ${{oc.env:NAME,default}}");
                }

                string? value = context.Environment(Text(0));
                if (value is not null)
                {
                    return new ConfigScalar(value);
                }

                if (args.Count == 1)
                {
                    throw new ConfigCompositionException($"'{at}': environment variable '{Text(0)}' is not set (give a default: ${{oc.env:{Text(0)},default}})");
                }

                // As OmegaConf: a default becomes its str(), except null.
                return args[1] is ConfigScalar { Value: null } ? ConfigScalar.Null : new ConfigScalar(Text(1));
            case "oc.select":
                if (args.Count is < 1 or > 2)
                {
                    throw new ConfigCompositionException($"'{at}': '${{{expression}}}' takes a key and an optional default: ${{oc.select:key,default}}");
                }

                return Select(Text(0), path, at, expression) ?? (args.Count == 2 ? args[1]
                    : throw new ConfigCompositionException($"interpolation '${{{expression}}}' at '{at}': key '{Text(0)}' not found"));
            case "hydra":
                if (args.Count != 1)
                {
                    throw new ConfigCompositionException($"'{at}': '${{{expression}}}' takes one key under hydra, e.g. ${{hydra:job.name}}");
                }

                return Select("hydra." + Text(0), [], at, expression) ?? throw new ConfigCompositionException(
                    $"interpolation '${{{expression}}}' at '{at}': key 'hydra.{Text(0)}' not found");
            default:
                throw new ConfigCompositionException($"'{at}': unsupported resolver '{name}' in '${{{expression}}}' (supported: now, oc.env, oc.select, hydra)");
        }
    }

    /// <summary>The resolved node at an absolute or relative key, or null if a part is absent.</summary>
    private ConfigNode? Select(string key, IReadOnlyList<string> path, string at, string expression)
    {
        int dots = 0;
        while (dots < key.Length && key[dots] == '.')
        {
            dots++;
        }

        List<string> current = [];
        if (dots > 0)
        {
            // One dot is the mapping or list holding this value; each further dot goes one level up.
            if (dots > path.Count)
            {
                throw new ConfigCompositionException($"interpolation '${{{expression}}}' at '{at}': '{key}' goes above the root");
            }

            current = [.. path.Take(path.Count - dots)];
        }

        string rest = key[dots..].Replace("[", ".", StringComparison.Ordinal).Replace("]", "", StringComparison.Ordinal);
        ConfigNode node = root;
        foreach (string segment in current)
        {
            node = Child(node, segment)!;
        }

        bool resolvedCopy = false;
        foreach (string segment in rest.Length == 0 ? [] : rest.Split('.'))
        {
            if (!resolvedCopy && node is ConfigScalar { IsInterpolation: true } s)
            {
                node = ResolveValue((string)s.Value!, current);
                resolvedCopy = true;
            }

            ConfigNode? child = Child(node, segment);
            if (child is null)
            {
                return null;
            }

            node = child;
            current.Add(segment);
        }

        if (node is ConfigScalar { IsMissing: true })
        {
            throw new ConfigCompositionException(
                $"interpolation '${{{expression}}}' at '{at}': '{string.Join('.', current)}' is missing (???){MissingHint(current)}");
        }

        return resolvedCopy ? node : Resolve(node, current);
    }

    private static string MissingHint(List<string> key) => string.Join('.', key) switch
    {
        "hydra.job.num" or "hydra.job.id" => "; it is set for the jobs of a sweep (pass a job number)",
        _ => "",
    };

    private static ConfigNode? Child(ConfigNode node, string segment) => node switch
    {
        ConfigMapping map => map.TryGetValue(segment, out ConfigNode? c) ? c : null,
        ConfigSequence seq => int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out int i) && i < seq.Count ? seq[i] : null,
        _ => null,
    };

    private ConfigNode EvaluateArgument(string argument, IReadOnlyList<string> path, string at)
    {
        string a = argument.Trim();
        if (a.Length >= 2 && (a[0] == '\'' || a[0] == '"') && a[^1] == a[0])
        {
            string inner = a[1..^1].Replace("\\" + a[0], a[0].ToString(), StringComparison.Ordinal);
            return new ConfigScalar(inner.Contains("${", StringComparison.Ordinal) ? EvaluateToText(inner, path, at) : inner);
        }

        if (a.Contains("${", StringComparison.Ordinal))
        {
            return EvaluateText(a, path, at);
        }

        return new ConfigScalar(Primitive(a));
    }

    // The typing of an unquoted resolver argument in OmegaConf's grammar: null, true/false (any case), ints, floats.
    private static object? Primitive(string text)
    {
        if (text.Equals("null", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (text.Equals("true", StringComparison.OrdinalIgnoreCase) || text.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            return text.Equals("true", StringComparison.OrdinalIgnoreCase);
        }

        string digits = text.Replace("_", "", StringComparison.Ordinal);
        if (long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long l))
        {
            return l;
        }

        if (digits.Length > 0 && char.IsAsciiDigit(digits[^1]) && double.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out double d))
        {
            return d;
        }

        return text;
    }

    /// <summary>Splits text into literals and <c>${…}</c> expressions (without the braces).</summary>
    private static List<(string? Literal, string? Expression)> Split(string text, string at)
    {
        var parts = new List<(string?, string?)>();
        var literal = new StringBuilder();
        int i = 0;
        while (i < text.Length)
        {
            if (text[i] == '\\' && i + 2 < text.Length && text[i + 1] == '$' && text[i + 2] == '{')
            {
                literal.Append("${");
                i += 3;
                continue;
            }

            if (text[i] == '$' && i + 1 < text.Length && text[i + 1] == '{')
            {
                int end = MatchingBrace(text, i + 1);
                if (end < 0)
                {
                    throw new ConfigCompositionException($"'{at}': unterminated interpolation in '{text}' (a '${{' without its '}}')");
                }

                if (literal.Length > 0)
                {
                    parts.Add((literal.ToString(), null));
                    literal.Clear();
                }

                parts.Add((null, text[(i + 2)..end]));
                i = end + 1;
                continue;
            }

            literal.Append(text[i]);
            i++;
        }

        if (literal.Length > 0 || parts.Count == 0)
        {
            parts.Add((literal.ToString(), null));
        }

        return parts;
    }

    private static int MatchingBrace(string text, int open)
    {
        int depth = 0;
        char quote = '\0';
        for (int i = open; i < text.Length; i++)
        {
            char c = text[i];
            if (quote != '\0')
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == quote)
                {
                    quote = '\0';
                }
            }
            else if (c is '\'' or '"' && depth > 0 && i > open + 1)
            {
                quote = c;
            }
            else if (c == '{')
            {
                depth++;
            }
            else if (c == '}' && --depth == 0)
            {
                return i;
            }
        }

        return -1;
    }

    private static List<string> SplitArguments(string text, string at)
    {
        var args = new List<string>();
        if (text.Trim().Length == 0)
        {
            return args;
        }

        int depth = 0, start = 0;
        char quote = '\0';
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quote != '\0')
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == quote)
                {
                    quote = '\0';
                }
            }
            else if (c is '\'' or '"')
            {
                quote = c;
            }
            else if (c is '{' or '[')
            {
                depth++;
            }
            else if (c is '}' or ']')
            {
                depth--;
            }
            else if (c == ',' && depth == 0)
            {
                args.Add(text[start..i]);
                start = i + 1;
            }
        }

        if (quote != '\0')
        {
            throw new ConfigCompositionException($"'{at}': unterminated quote in resolver arguments '{text}'");
        }

        args.Add(text[start..]);
        return args;
    }
}
