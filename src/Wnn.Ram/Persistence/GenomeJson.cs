using System.Text.Json;
using Wnn.Ram.Model;

namespace Wnn.Ram.Persistence;

/// <summary>The JSON form of a genome: {"neurons_per_cluster": [...], "bits_per_neuron": [...], "connections": [...]}.</summary>
public static class GenomeJson
{
    /// <summary>Writes the genome as a JSON object.</summary>
    public static void Write(Utf8JsonWriter writer, Genome genome)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(genome);
        writer.WriteStartObject();
        WriteArray(writer, "neurons_per_cluster", genome.NeuronsPerCluster);
        WriteArray(writer, "bits_per_neuron", genome.BitsPerNeuron);
        WriteArray(writer, "connections", genome.Connections);
        writer.WriteEndObject();
    }

    private static void WriteArray(Utf8JsonWriter writer, string name, int[] values)
    {
        writer.WriteStartArray(name);
        foreach (int v in values)
        {
            writer.WriteNumberValue(v);
        }

        writer.WriteEndArray();
    }

    /// <summary>Reads a genome from a JSON object element; the message of a failure names the missing or bad field.</summary>
    public static Genome Read(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new GenomeValidationException($"a genome must be a JSON object, found {element.ValueKind}");
        }

        return new Genome(ReadArray(element, "neurons_per_cluster"), ReadArray(element, "bits_per_neuron"), ReadArray(element, "connections"));
    }

    private static int[] ReadArray(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out JsonElement array) || array.ValueKind != JsonValueKind.Array)
        {
            throw new GenomeValidationException($"genome field '{name}' is missing or not an array of integers");
        }

        var result = new int[array.GetArrayLength()];
        int i = 0;
        foreach (JsonElement item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt32(out result[i]))
            {
                throw new GenomeValidationException($"genome field '{name}[{i}]' is not an integer");
            }

            i++;
        }

        return result;
    }
}
