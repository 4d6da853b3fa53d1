using System.Text;

namespace Wnn.Contracts;

/// <summary>Writes the key table of docs/configs-keys.md from the schema (a test checks that the file equals it).</summary>
public static class ConfigSchemaMarkdown
{
    /// <summary>The whole document.</summary>
    public static string Generate()
    {
        var sb = new StringBuilder();
        sb.Append("# Configuration keys\n\n");
        sb.Append("<!-- Generated from src/Wnn.Contracts/ConfigKeys.cs; do not edit. Regenerate with\n");
        sb.Append("     WNN_UPDATE_DOCS=1 dotnet test tests/Wnn.Experiments.Tests --filter FullyQualifiedName~ConfigSchemaTests -->\n\n");
        sb.Append("Every key of `wnn search` (YAML, flags, `--set`) and of a flow's config (`wnn flow create`, REST, the dashboard's\n");
        sb.Append("builder), declared once. Write a key under its dotted name (`ga.generations: 10`), nested by group\n");
        sb.Append("(`ga:` then `  generations: 10`), or under a flat alias (`ga_generations: 10`, the seed-000 names). A key missing\n");
        sb.Append("from a file, a flag and a flow's config takes the default below, everywhere; `GET /api/config/schema` serves the same\n");
        sb.Append("table as JSON. Precedence: explicit flag or `--set` > YAML (`--config`) > default.\n\n");
        sb.Append("*Resume*: `identity` keys change results, so a resumed run must keep them; `safe` keys may change on resume.\n");
        sb.Append("*Scope*: `flow` keys are read in flows only.\n");
        foreach (ConfigGroup group in ConfigSchema.Groups)
        {
            ConfigKeyDefinition[] keys = [.. ConfigSchema.Keys.Where(k => k.Group == group.Name)];
            if (keys.Length == 0)
            {
                continue;
            }

            sb.Append("\n## ").Append(group.Title).Append(" (`").Append(group.Name).Append(".*`)\n\n");
            sb.Append(group.Doc).Append("\n\n");
            sb.Append("| Key | Type | Default | Allowed | Aliases | Flag | Resume | Description |\n");
            sb.Append("|---|---|---|---|---|---|---|---|\n");
            foreach (ConfigKeyDefinition k in keys)
            {
                sb.Append("| `").Append(k.Name).Append("` | ").Append(k.TypeName).Append(k.Nullable ? " or null" : "")
                    .Append(" | ").Append(Cell(k.DefaultText))
                    .Append(" | ").Append(k.RangeText is { } range ? Cell(range) : "")
                    .Append(" | ").Append(string.Join(", ", k.Aliases.Select(a => $"`{a}`")))
                    .Append(" | ").Append(k.Flag is { } flag ? $"`{flag}`" : "")
                    .Append(" | ").Append(k.Resume == ResumeRule.Safe ? "safe" : "identity").Append(k.Scope == ConfigScope.Flow ? " (flow)" : "")
                    .Append(" | ").Append(Cell(k.Doc)).Append(" |\n");
            }
        }

        return sb.ToString();
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal);
}
