using System.Globalization;
using Wnn.Storage;

namespace Wnn.Cli;

/// <summary>CSV for <c>--csv</c> (RFC 4180: comma-separated, CRLF-free "\n" lines, fields quoted when they need it; numbers invariant, full precision).</summary>
internal static class CsvOutput
{
    public static void Write(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        Console.Out.WriteLine(string.Join(',', headers.Select(Field)));
        foreach (IReadOnlyList<string> row in rows)
        {
            Console.Out.WriteLine(string.Join(',', row.Select(Field)));
        }
    }

    public static string Num(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "";

    public static string Num(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    public static string Time(DateTime? value) => value?.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture) ?? "";

    /// <summary>The iterations of a flow's experiments, one row each (values on each phase's rotating training part).</summary>
    public static void Iterations(IReadOnlyList<(ExperimentRecord Experiment, IReadOnlyList<IterationRecord> Rows)> experiments) =>
        Write(["experiment_id", "phase", "iteration", "train_part_best_ce_nats", "train_part_mean_ce_nats", "train_part_best_accuracy",
            "train_part_mean_accuracy", "threshold", "patience_counter", "elapsed_seconds"],
            experiments.SelectMany(e => e.Rows.Select(r => (IReadOnlyList<string>)
            [
                Num(e.Experiment.Id), e.Experiment.PhaseKey, Num(r.Iteration), Num(r.BestCe), Num(r.MeanCe), Num(r.BestAccuracy), Num(r.MeanAccuracy),
                Num(r.Threshold), Num(r.PatienceCounter), Num(r.ElapsedSeconds),
            ])));

    private static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
