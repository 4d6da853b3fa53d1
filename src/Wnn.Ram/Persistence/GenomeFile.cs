using System.Text.Json;
using Wnn.Ram.Model;

namespace Wnn.Ram.Persistence;

/// <summary>A genome file: gzip JSON {"format": "wnn-genome", "version": 1, "genome": {...}, "metrics": {...}}.</summary>
public static class GenomeFile
{
    /// <summary>Format marker written into every genome file.</summary>
    public const string Format = "wnn-genome";

    /// <summary>Saves atomically; <paramref name="metrics"/> (e.g. ce, accuracy) are stored alongside.</summary>
    public static void Save(string path, Genome genome, IReadOnlyDictionary<string, double>? metrics = null)
    {
        GzipJsonFile.Write(path, w =>
        {
            w.WriteStartObject();
            w.WriteString("format", Format);
            w.WriteNumber("version", 1);
            w.WritePropertyName("genome");
            GenomeJson.Write(w, genome);
            if (metrics is not null)
            {
                w.WriteStartObject("metrics");
                foreach ((string key, double value) in metrics)
                {
                    w.WriteNumber(key, value);
                }

                w.WriteEndObject();
            }

            w.WriteEndObject();
        });
    }

    /// <summary>Loads a genome file (also accepts a bare genome object), gzipped or plain.</summary>
    public static Genome Load(string path)
    {
        using JsonDocument doc = GzipJsonFile.Read(path);
        JsonElement root = doc.RootElement;
        try
        {
            return root.ValueKind == JsonValueKind.Object && root.TryGetProperty("genome", out JsonElement g)
                ? GenomeJson.Read(g)
                : GenomeJson.Read(root);
        }
        catch (GenomeValidationException ex)
        {
            throw new GenomeValidationException($"{path}: {ex.Message}", ex);
        }
    }
}
