using System.Globalization;
using Wnn.Experiments.Sweeps;

namespace Wnn.Server;

/// <summary>What the server knows of a sweep from its sweep.yaml.</summary>
internal sealed record SweepFile(
    string Id,
    string Name,
    string Directory,
    string? Kind,
    int? Jobs,
    DateTimeOffset? Created,
    string? Sampler,
    string? TargetMetric,
    string? Direction,
    string? Storage,
    string? Error)
{
    /// <summary>Reads sweep.yaml; a file that does not read gives a record carrying the error.</summary>
    public static SweepFile Read(string dir, string path)
    {
        string id = Path.GetFileName(dir);
        try
        {
            Dictionary<string, object?> doc = ConfigTree.Load(path);
            var definition = doc.GetValueOrDefault("definition") as Dictionary<string, object?>;
            var opts = doc.GetValueOrDefault("options") as Dictionary<string, object?>;
            string? Text(object? v) => v is null ? null : ConfigTree.Format(v);
            return new SweepFile(
                id,
                Text(doc.GetValueOrDefault("id")) ?? id,
                dir,
                Text(doc.GetValueOrDefault("kind")),
                doc.GetValueOrDefault("jobs") is IConvertible j and not string ? j.ToInt32(CultureInfo.InvariantCulture) : null,
                DateTimeOffset.TryParse(Text(doc.GetValueOrDefault("created")), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out DateTimeOffset c) ? c : null,
                Text(opts?.GetValueOrDefault("sampler")),
                Text(definition?.GetValueOrDefault("target_metric")),
                Text(definition?.GetValueOrDefault("direction")),
                Text(doc.GetValueOrDefault("storage")),
                null);
        }
        catch (Exception ex) when (ex is ConfigException or IOException or UnauthorizedAccessException)
        {
            return new SweepFile(id, id, dir, null, null, null, null, null, null, null, $"{path}: {ex.Message}");
        }
    }
}
