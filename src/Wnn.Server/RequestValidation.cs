using System.Text.Json;
using Wnn.Client;

namespace Wnn.Server;

/// <summary>Boundary validation of request bodies: every message names the bad value and what is allowed.</summary>
internal static class RequestValidation
{
    public const int MaxNameLength = 200;
    public const int MaxDescriptionLength = 2000;
    private static readonly string[] Kinds = ["ga", "ts"];
    private static readonly string[] Dimensions = ["neurons", "bits", "connections"];

    public static RequestErrors Validate(CreateFlowRequest request)
    {
        var errors = new RequestErrors();
        Name(errors, "name", request.Name, required: true);
        Description(errors, request.Description);
        FlowConfig(errors, request.Config);
        return errors;
    }

    public static RequestErrors Validate(UpdateFlowRequest request)
    {
        var errors = new RequestErrors();
        Name(errors, "name", request.Name, required: false);
        Description(errors, request.Description);
        FlowConfig(errors, request.Config);
        return errors;
    }

    public static RequestErrors Validate(CreateExperimentRequest request)
    {
        var errors = new RequestErrors();
        Name(errors, "name", request.Name, required: true);
        if (request.PhaseKey is not { Length: 2 } key || key[0] is < '1' or > '9' || key[1] is < 'a' or > 'z')
        {
            errors.Add("phase_key", $"'{request.PhaseKey}' is not a phase key; use a digit and a letter such as 1a");
        }

        OneOf(errors, "kind", request.Kind, Kinds);
        OneOf(errors, "dimension", request.Dimension, Dimensions);
        if (request.Sequence < 0)
        {
            errors.Add("sequence", $"{request.Sequence} is negative; use 0 or more");
        }

        ObjectOrAbsent(errors, "config", request.Config);
        return errors;
    }

    public static RequestErrors Validate(CreateCheckpointRequest request)
    {
        var errors = new RequestErrors();
        Name(errors, "name", request.Name, required: false);
        if (string.IsNullOrWhiteSpace(request.FilePath))
        {
            errors.Add("file_path", "is required");
        }

        Finite(errors, "final_fitness", request.FinalFitness);
        Finite(errors, "final_accuracy", request.FinalAccuracy);
        if (request.IterationsRun is < 0)
        {
            errors.Add("iterations_run", $"{request.IterationsRun} is negative; use 0 or more");
        }

        ObjectOrAbsent(errors, "genome_stats", request.GenomeStats);
        return errors;
    }

    /// <summary>The canonical full path of a checkpoint file if it lies inside <paramref name="root"/> and is a <c>.json.gz</c> file; null otherwise.</summary>
    public static string? ResolveCheckpointPath(string root, string filePath)
    {
        string fullRoot = Path.GetFullPath(root);
        string full = Path.GetFullPath(filePath, fullRoot);
        string relative = Path.GetRelativePath(fullRoot, full);
        bool inside = relative != ".." && !relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) && !Path.IsPathRooted(relative);
        return inside && full.EndsWith(".json.gz", StringComparison.OrdinalIgnoreCase) ? full : null;
    }

    /// <summary>
    /// Checks every key of the config that the schema knows (dotted, nested by group or under an alias) for its type and
    /// range; keys it does not know are left to the executor's own check (<see cref="FlowConfigCheck"/>).
    /// </summary>
    private static void FlowConfig(RequestErrors errors, JsonElement? config)
    {
        if (ObjectOrAbsent(errors, "config", config) && config is JsonElement { ValueKind: JsonValueKind.Object } obj)
        {
            ConfigObject(errors, obj, "");
        }
    }

    private static void ConfigObject(RequestErrors errors, JsonElement obj, string prefix)
    {
        foreach (JsonProperty property in obj.EnumerateObject())
        {
            string name = prefix + property.Name;
            JsonElement value = property.Value;
            // A group ({"ga": {"generations": 10}}); "fitness" is a group and the flat alias of fitness.kind.
            if (value.ValueKind == JsonValueKind.Object)
            {
                ConfigObject(errors, value, name + ".");
                continue;
            }

            if (ConfigSchema.Find(name) is not { } key)
            {
                continue;
            }

            string? text = value.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => "\0",
            };
            if (text == "\0")
            {
                errors.Add($"config.{name}", $"{value.GetRawText()} is not allowed; expected {key.Expected}");
            }
            else
            {
                _ = key.Parse(text, out string? error);
                if (error is not null)
                {
                    errors.Add($"config.{name}", error);
                }
            }
        }
    }

    private static void Name(RequestErrors errors, string field, string? value, bool required)
    {
        if (value is null)
        {
            if (required)
            {
                errors.Add(field, "is required");
            }

            return;
        }

        if (string.IsNullOrWhiteSpace(value) || value.Length > MaxNameLength)
        {
            errors.Add(field, $"must have 1 to {MaxNameLength} characters and not be blank (got {value.Length})");
        }
    }

    private static void Description(RequestErrors errors, string? value)
    {
        if (value is { Length: > MaxDescriptionLength })
        {
            errors.Add("description", $"has {value.Length} characters; at most {MaxDescriptionLength} are allowed");
        }
    }

    private static void OneOf(RequestErrors errors, string field, string? value, string[] allowed)
    {
        if (value is null || Array.IndexOf(allowed, value) < 0)
        {
            errors.Add(field, $"'{value}' is not allowed; use one of {string.Join(", ", allowed)}");
        }
    }

    private static bool ObjectOrAbsent(RequestErrors errors, string field, JsonElement? value)
    {
        if (value is JsonElement element && element.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
        {
            errors.Add(field, $"must be a JSON object (got {element.ValueKind.ToString().ToLowerInvariant()})");
            return false;
        }

        return true;
    }

    private static void Finite(RequestErrors errors, string field, double? value)
    {
        if (value is double v && !double.IsFinite(v))
        {
            errors.Add(field, $"{v} is not a finite number");
        }
    }
}
