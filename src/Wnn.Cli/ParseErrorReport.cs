using System.CommandLine;
using System.CommandLine.Parsing;

namespace Wnn.Cli;

/// <summary>
/// Turns System.CommandLine's parse errors into the one line the CLI promises: the unknown token, the command it was
/// given to and the nearest valid names (help is printed only on --help).
/// </summary>
internal static class ParseErrorReport
{
    /// <summary>The one-line message for a parse result that has errors.</summary>
    public static string Describe(ParseResult parsed)
    {
        Command command = parsed.CommandResult.Command;
        string path = CommandPath(parsed.CommandResult);
        if (parsed.UnmatchedTokens.Count > 0)
        {
            string token = parsed.UnmatchedTokens[0];
            if (token.StartsWith('-'))
            {
                return UnknownOption(parsed, token);
            }

            if (command.Subcommands.Count > 0)
            {
                return $"unknown command '{token}' for '{path}'"
                    + Suggest(token, command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name), "commands: " + Commands(command));
            }

            return $"unexpected argument '{token}' for '{path}'; see '{path} --help'";
        }

        ParseError first = parsed.Errors[0];
        if (command.Subcommands.Count > 0 && first.SymbolResult is CommandResult && command.Action is null)
        {
            return $"'{path}' needs a command: {Commands(command)}";
        }

        return $"{path}: {Readable(first.Message).TrimEnd('.')}";
    }

    /// <summary>The one-line message for an unknown option token (also when a positional argument took it in).</summary>
    public static string UnknownOption(ParseResult parsed, string token)
    {
        string path = CommandPath(parsed.CommandResult);
        string name = token.Split('=', 2)[0];
        return $"unknown option '{name}' for '{path}'" + Suggest(name, OptionNames(parsed.CommandResult), $"see '{path} --help' for its options");
    }

    private static string Readable(string message) => message
        .Replace("expected type 'System.UInt64'", "a non-negative integer", StringComparison.Ordinal)
        .Replace("expected type 'System.Int32'", "an integer", StringComparison.Ordinal)
        .Replace("expected type 'System.Int64'", "an integer", StringComparison.Ordinal)
        .Replace("expected type 'System.Double'", "a number", StringComparison.Ordinal)
        .Replace("expected type 'System.Boolean'", "true or false", StringComparison.Ordinal);

    private static string Commands(Command command) => string.Join(", ", command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name));

    private static string CommandPath(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? r = result; r is not null; r = r.Parent)
        {
            if (r is CommandResult c)
            {
                names.Add(c.Command is RootCommand ? "wnn" : c.Command.Name);
            }
        }

        names.Reverse();
        return string.Join(' ', names);
    }

    /// <summary>Options valid at this point: the command's own and the recursive ones of its parents (--help).</summary>
    private static IEnumerable<string> OptionNames(CommandResult result)
    {
        bool own = true;
        for (SymbolResult? r = result; r is not null; r = r.Parent)
        {
            if (r is CommandResult c)
            {
                foreach (Option o in c.Command.Options.Where(o => !o.Hidden && (own || o.Recursive)))
                {
                    yield return o.Name;
                    foreach (string alias in o.Aliases.Where(a => a.StartsWith("--", StringComparison.Ordinal)))
                    {
                        yield return alias;
                    }
                }

                own = false;
            }
        }
    }

    /// <summary>"; did you mean a, b?" for the nearest names (edit distance or shared prefix), else the fallback.</summary>
    private static string Suggest(string token, IEnumerable<string> candidates, string fallback)
    {
        string[] near = candidates.Distinct(StringComparer.Ordinal)
            .Select(c => (Name: c, Distance: Distance(token, c)))
            .Where(c => c.Distance <= Math.Max(2, token.Length / 3) || (token.Length >= 4 && c.Name.StartsWith(token, StringComparison.Ordinal)))
            .OrderBy(c => c.Distance).ThenBy(c => c.Name, StringComparer.Ordinal)
            .Take(3).Select(c => c.Name).ToArray();
        return near.Length == 0 ? "; " + fallback : "; did you mean " + string.Join(", ", near) + "?";
    }

    /// <summary>Optimal string alignment distance (Levenshtein plus adjacent transpositions).</summary>
    internal static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (int j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                int best = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    best = Math.Min(best, d[i - 2, j - 2] + 1);
                }

                d[i, j] = best;
            }
        }

        return d[a.Length, b.Length];
    }
}
