using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Rendering;
using Wnn.Storage;

namespace Wnn.Cli;

/// <summary>Prints records as tables (terminal) or JSON (<c>--json</c>).</summary>
internal static class ConsoleOutput
{
    private static readonly JsonSerializerOptions Indented = new(StoreJson.Options) { WriteIndented = true };

    public static void Json<T>(T value) => Console.WriteLine(JsonSerializer.Serialize(value, Indented));

    public static void Table(IEnumerable<string> headers, IEnumerable<IEnumerable<string>> rows)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (string header in headers)
        {
            table.AddColumn(new TableColumn(new Text(header)));
        }

        foreach (IEnumerable<string> row in rows)
        {
            table.AddRow(row.Select(cell => (IRenderable)new Text(cell)));
        }

        AnsiConsole.Write(table);
    }

    public static void Flows(IReadOnlyList<FlowRecord> flows) =>
        Table(["id", "name", "status", "created", "worker", "seed"], flows.Select(f => new[]
        {
            Id(f.Id), f.Name, f.Status.ToName() + (f.StopRequested ? " (stopping)" : ""), Time(f.CreatedAt), f.WorkerId ?? "", Opt(f.SeedCheckpointId),
        }));

    public static void Experiments(IReadOnlyList<ExperimentRecord> experiments) =>
        Table(["id", "phase", "name", "kind", "status", "full-data ce (nats)", "full-data acc", "train-part best ce (nats)", "train-part best acc", "iters"],
            experiments.Select(e => new[]
            {
                Id(e.Id), e.PhaseKey, e.Name, e.Kind, e.Status.ToName(), Num(e.FullDataCe), Pct(e.FullDataAccuracy), Num(e.TrainPartBestCe),
                Pct(e.TrainPartBestAccuracy), Id(e.IterationsRun),
            }));

    public static void Checkpoints(IReadOnlyList<CheckpointRecord> checkpoints) =>
        Table(["id", "name", "full-data ce (nats)", "full-data acc", "iters", "final", "refs", "size", "path"], checkpoints.Select(c => new[]
        {
            Id(c.Id), c.Name, Num(c.FinalFitness), Pct(c.FinalAccuracy), Opt(c.IterationsRun), c.IsFinal ? "yes" : "", Id(c.ReferenceCount),
            Size(c.FileSizeBytes), c.FilePath,
        }));

    public static void Fields(IEnumerable<(string Key, string Value)> fields) =>
        Table(["field", "value"], fields.Select(f => new[] { f.Key, f.Value }));

    public static string Id(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Opt(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    public static string Num(double? value) => value?.ToString("F4", CultureInfo.InvariantCulture) ?? "";

    public static string Pct(double? value) => value is double v ? (v * 100).ToString("F2", CultureInfo.InvariantCulture) + "%" : "";

    public static string Time(DateTime? value) => value?.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "";

    public static string Size(long bytes) => bytes switch
    {
        >= 1 << 20 => (bytes / (double)(1 << 20)).ToString("F1", CultureInfo.InvariantCulture) + " MiB",
        >= 1 << 10 => (bytes / 1024.0).ToString("F1", CultureInfo.InvariantCulture) + " KiB",
        _ => bytes.ToString(CultureInfo.InvariantCulture) + " B",
    };
}
