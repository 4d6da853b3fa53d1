using System.Text;
using System.Text.Json;
using Wnn.Search;

namespace Wnn.Experiments.Objectives.Transformer;

/// <summary>
/// best_params.json of an architectural study: the best trial's value and parameters (arch_idx and the training
/// parameters), its architecture with param_count, its run directory, the trainer overrides that reproduce it (with the
/// fixed keys), and the trial counts.
/// </summary>
public static class BestParamsFile
{
    /// <summary>The usual file name.</summary>
    public const string FileName = "best_params.json";

    /// <summary>The JSON text; throws <see cref="InvalidOperationException"/> when the study has no complete trial.</summary>
    public static string Render(Study study, ArchitecturalObjective objective, PatchTstShape shape, IReadOnlyList<KeyValuePair<string, string>>? fixedKeys = null)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(shape);
        IReadOnlyList<FrozenTrial> all = study.Trials;
        if (!all.Any(t => t.State == TrialState.Complete))
        {
            throw new InvalidOperationException($"study '{study.Name}' has no complete trial yet; best_params.json needs one.");
        }

        FrozenTrial best = study.BestTrial;
        ArchitecturalTrialPlan plan = objective.PlanOf(best);
        Architecture a = plan.Architecture.Architecture;
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("study", study.Name);
            w.WriteString("direction", study.Direction == StudyDirection.Minimize ? "minimize" : "maximize");
            w.WriteString("metric", "val_loss");
            if (objective.Budget is ParamBudget b)
            {
                w.WriteString("budget", b.Name);
                w.WriteNumber("budget_params", b.Target);
            }

            w.WriteNumber("horizon", shape.Horizon);
            w.WriteNumber("best_trial", best.Number);
            w.WriteNumber("best_value", best.Value!.Value);
            if (best.UserAttributes.GetValueOrDefault("run_dir") is string runDir)
            {
                w.WriteString("run_dir", runDir);
            }

            w.WriteStartObject("architecture");
            w.WriteNumber("d_model", a.DModel);
            w.WriteNumber("n_layers", a.NLayers);
            w.WriteNumber("n_heads", a.NHeads);
            w.WriteNumber("d_ff", a.DFf);
            w.WriteNumber("param_count", plan.Architecture.ParamCount);
            w.WriteEndObject();
            w.WriteStartObject("params");
            w.WriteNumber(ArchitecturalObjective.ArchIdx, plan.ArchIdx);
            foreach (KeyValuePair<string, object?> p in plan.Training)
            {
                WriteValue(w, p.Key, p.Value);
            }

            w.WriteEndObject();
            w.WriteStartArray("trainer_overrides");
            foreach (string o in TrainerOverrides.For(plan, shape))
            {
                w.WriteStringValue(o);
            }

            foreach (KeyValuePair<string, string> f in fixedKeys ?? [])
            {
                w.WriteStringValue(f.Key + "=" + f.Value);
            }

            w.WriteEndArray();
            w.WriteNumber("architectures_searched", objective.Architectures.Count);
            w.WriteStartObject("trials");
            foreach (TrialState s in Enum.GetValues<TrialState>())
            {
                w.WriteNumber(s.ToString().ToLowerInvariant(), all.Count(t => t.State == s));
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>Writes the file atomically (creating its folder).</summary>
    public static void Write(string path, Study study, ArchitecturalObjective objective, PatchTstShape shape, IReadOnlyList<KeyValuePair<string, string>>? fixedKeys = null)
    {
        string text = Render(study, objective, shape, fixedKeys);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        Sweeps.ConfigTree.WriteAtomic(path, text);
    }

    private static void WriteValue(Utf8JsonWriter w, string name, object? value)
    {
        switch (value)
        {
            case null:
                w.WriteNull(name);
                break;
            case bool b:
                w.WriteBoolean(name, b);
                break;
            case int i:
                w.WriteNumber(name, i);
                break;
            case long l:
                w.WriteNumber(name, l);
                break;
            case double d:
                w.WriteNumber(name, d);
                break;
            default:
                w.WriteString(name, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
        }
    }
}
