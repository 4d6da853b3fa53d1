using System.Text.Json;
using System.Xml.Linq;

namespace Wnn.Cli.Tests;

/// <summary>`wnn report` and `wnn report compare` on a real sweep made by `wnn sweep quick` (real processes, real SQLite).</summary>
public sealed class ReportCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "wnn-report-cli-" + Guid.NewGuid().ToString("N"));

    public ReportCommandTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Sweep(string name = "sw", int seed = 3)
    {
        WnnProcess.Result run = WnnProcess.Run(_dir, "sweep", "quick", "--trials", "6", "--seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture), "--sweep-dir", name, "--plain");
        Assert.True(run.ExitCode == 0, run.Stderr);
        return Path.Combine(_dir, name);
    }

    [Fact]
    public void Compare_of_two_sweeps_writes_sources_and_pairs_and_a_notebook_is_written()
    {
        string a = Sweep("sa", 3), b = Sweep("sb", 4);
        WnnProcess.Result r = WnnProcess.Run(_dir, "report", "compare", a, b, "--out", "cmp");
        Assert.True(r.ExitCode == 0, r.Stderr);
        string[] sources = File.ReadAllLines(Path.Combine(_dir, "cmp", "sources.csv"));
        Assert.Equal(3, sources.Length);
        Assert.StartsWith("source,objective,direction,trials,complete", sources[0], StringComparison.Ordinal);
        Assert.All(sources[1..], l => Assert.Contains(",val_acc,maximize,6,", l, StringComparison.Ordinal));
        Assert.Equal(2, File.ReadAllLines(Path.Combine(_dir, "cmp", "pairs.csv")).Length);
        Assert.Contains(" vs ", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("Welch t = ", r.Stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_dir, "cmp", "figures", "distributions.svg")));

        WnnProcess.Result nb = WnnProcess.Run(_dir, "report", a, "--format", "ipynb", "--out", "nb");
        Assert.True(nb.ExitCode == 0, nb.Stderr);
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, "nb", "report.ipynb")));
        Assert.Equal(4, doc.RootElement.GetProperty("nbformat").GetInt32());

        WnnProcess.Result png = WnnProcess.Run(_dir, "report", a, "--format", "json", "--png");
        Assert.Equal(2, png.ExitCode);
        Assert.Contains("--png: figures are written with --format html, not json", png.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_of_a_real_sweep_writes_html_with_inline_svgs_and_the_figure_files()
    {
        string sweep = Sweep();
        WnnProcess.Result r = WnnProcess.Run(_dir, "report", sweep, "--format", "html", "--out", "out");
        Assert.True(r.ExitCode == 0, r.Stderr);
        string html = File.ReadAllText(Path.Combine(_dir, "out", "report.html"));
        Assert.Contains("<section id=\"importance\">", html, StringComparison.Ordinal);
        Assert.Contains("val_acc", html, StringComparison.Ordinal);
        string[] svgs = Directory.GetFiles(Path.Combine(_dir, "out", "figures"), "*.svg");
        Assert.Contains(svgs, f => Path.GetFileName(f) == "history.svg");
        foreach (string f in svgs)
        {
            _ = XDocument.Parse(File.ReadAllText(f));
        }

        Assert.Equal(svgs.Length, html.Split("<figure ").Length - 1);

        WnnProcess.Result json = WnnProcess.Run(_dir, "report", sweep, "--format", "json", "--sort", "-epochs");
        Assert.Equal(0, json.ExitCode);
        using JsonDocument doc = JsonDocument.Parse(json.Stdout);
        Assert.Equal(6, doc.RootElement.GetProperty("trials").GetArrayLength());
        int[] epochs = [.. doc.RootElement.GetProperty("trials").EnumerateArray().Select(t => t.GetProperty("params").GetProperty("epochs").GetInt32())];
        Assert.Equal(epochs.OrderDescending(), epochs);
    }

    [Fact]
    public void Compare_writes_csv_and_json_summaries_and_a_recommendation()
    {
        string sweep = Sweep();
        WnnProcess.Result r = WnnProcess.Run(_dir, "report", "compare", sweep);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.StartsWith("Best configuration: ", r.Stdout, StringComparison.Ordinal);
        string dir = Path.Combine(sweep, "report");
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "comparison.json")));
        int configs = doc.RootElement.GetProperty("configs").GetArrayLength();
        Assert.Equal(configs + 1, File.ReadAllLines(Path.Combine(dir, "configs.csv")).Length);
        Assert.Equal(doc.RootElement.GetProperty("recommendation").GetString(), r.Stdout.Trim());
        Assert.True(File.Exists(Path.Combine(dir, "figures", "runs-by-config.svg")));
    }

    [Fact]
    public void A_missing_storage_is_one_line_exit_2_and_is_not_created()
    {
        string db = Path.Combine(_dir, "none.db");
        WnnProcess.Result r = WnnProcess.Run(_dir, "report", "lm", "--storage", db);
        Assert.Equal(2, r.ExitCode);
        Assert.Single(r.Stderr.Trim().Split('\n'));
        Assert.Contains("no database at", r.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(db));

        WnnProcess.Result noStorage = WnnProcess.Run(_dir, "report", "lm");
        Assert.Equal(2, noStorage.ExitCode);
        Assert.Contains("--storage", noStorage.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_format_sort_or_compare_target_is_exit_2()
    {
        string sweep = Sweep();
        WnnProcess.Result format = WnnProcess.Run(_dir, "report", sweep, "--format", "xml");
        Assert.Equal(2, format.ExitCode);
        Assert.Contains("allowed: terminal, html, md, csv, json", format.Stderr, StringComparison.Ordinal);
        WnnProcess.Result sort = WnnProcess.Run(_dir, "report", sweep, "--sort", "nope");
        Assert.Equal(2, sort.ExitCode);
        Assert.Contains("known: number, val_acc", sort.Stderr, StringComparison.Ordinal);
        WnnProcess.Result compare = WnnProcess.Run(_dir, "report", "compare", Path.Combine(_dir, "missing"));
        Assert.Equal(2, compare.ExitCode);
    }
}
