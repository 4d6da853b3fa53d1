using System.CommandLine;
using System.Text;
using Wnn.Experiments.Sweeps;
using Wnn.Reports;
using Wnn.Search;
using Wnn.Storage;

namespace Wnn.Cli;

/// <summary>`wnn report SWEEP|STUDY` (tables, importance, correlations, plots) and `wnn report compare SWEEP_DIR` (seed 004's post-hoc comparison).</summary>
internal static class ReportCommands
{
    private static readonly string[] Formats = ["terminal", "html", "md", "csv", "json", "ipynb"];

    public static Command Create()
    {
        var source = new Argument<string>("SWEEP|STUDY") { Description = "A sweep directory (or id under outputs/experiments), or a study name with --storage." };
        var storage = new Option<string?>("--storage") { Description = "Study database: SQLite file or PostgreSQL connection string (default for a sweep: the one in sweep.yaml)." };
        var format = new Option<string>("--format") { Description = "terminal, html, md, csv, json or ipynb (a Jupyter notebook with the data and plotting cells; default terminal).", DefaultValueFactory = _ => "terminal" };
        var outDir = new Option<string?>("--out") { Description = "Directory for the files (report.html with figures/*.svg, report.md, trials.csv, report.json, report.ipynb); default: standard output, and for html ./report." };
        var png = new Option<bool>("--png") { Description = "With --format html: also render every figure to figures/*.png (needs chromium)." };
        var sort = new Option<string?>("--sort") { Description = "Column to sort trials by: the objective (best first), a parameter or a metric; prefix - for descending, + for ascending." };
        var command = new Command("report", "Report on a study or sweep: best configuration, importance, correlations, history, failures and plots.") { source, storage, format, outDir, sort, png };
        command.Subcommands.Add(Compare());
        command.SetAction(async (parse, ct) =>
        {
            string fmt = parse.GetValue(format)!.ToLowerInvariant();
            if (!Formats.Contains(fmt))
            {
                throw new CliException($"--format: '{fmt}' is not a format; allowed: {string.Join(", ", Formats)}");
            }

            if (parse.GetValue(png) && fmt != "html")
            {
                throw new CliException($"--png: figures are written with --format html, not {fmt}");
            }

            string? chromium = parse.GetValue(png) ? PngExport.FindChromium() ?? throw new CliException("--png: no chromium found (install Debian's chromium, or name the binary in WNN_CHROMIUM)") : null;
            (StudyReport report, _) = Load(parse.GetValue(source)!, parse.GetValue(storage), ct);
            string? order = parse.GetValue(sort);
            try
            {
                _ = report.SortedBy(order);
            }
            catch (ArgumentException ex)
            {
                throw new CliException("--sort: " + ex.Message.Split(" (Parameter", 2)[0]);
            }

            string? dir = parse.GetValue(outDir);
            switch (fmt)
            {
                case "terminal":
                    Console.Out.Write(TextReport.Render(report, order, markdown: false));
                    break;
                case "md":
                    Emit(dir, "report.md", TextReport.Render(report, order, markdown: true));
                    break;
                case "csv":
                    Emit(dir, "trials.csv", CsvTable.Write(ReportTable.Header(report), ReportTable.Rows(report, report.SortedBy(order), exact: true)));
                    break;
                case "json":
                    Emit(dir, "report.json", JsonReport.Write(report, order));
                    break;
                case "ipynb":
                    Emit(dir, "report.ipynb", NotebookReport.Write(report));
                    break;
                default:
                    IReadOnlyList<ReportFigure> figures = ReportFigures.Render(report);
                    string target = dir ?? "report";
                    WriteFigures(target, figures);
                    Emit(target, "report.html", HtmlReport.Render(report, figures, order));
                    if (chromium is not null)
                    {
                        await WritePngsAsync(chromium, target, figures, ct);
                    }

                    break;
            }

            return 0;
        });
        return command;
    }

    private static Command Compare()
    {
        var sources = new Argument<string[]>("SOURCES") { Description = "One sweep directory (or id): compare its runs by configuration. Several sweeps, or studies with --storage: compare them side by side.", Arity = ArgumentArity.OneOrMore };
        var storage = new Option<string?>("--storage") { Description = "Study database (default for a sweep: the one recorded in sweep.yaml); studies named in SOURCES are read from it." };
        var outDir = new Option<string?>("--out") { Description = "Where the CSV/JSON summaries, comparison.html and figures/ go (default: SWEEP_DIR/report for one sweep, ./comparison for several)." };
        var command = new Command("compare", "Compare a sweep's runs (CSV/JSON summaries, plots by swept keys, a recommendation with Mann–Whitney and Welch tests over seeds), or several sweeps/studies side by side.") { sources, storage, outDir };
        command.SetAction((parse, ct) =>
        {
            string[] names = parse.GetValue(sources)!;
            if (names.Length >= 2)
            {
                List<StudyReport> reports = [.. names.Select(n => Load(n, parse.GetValue(storage), ct).Report)];
                StudyComparison several;
                try
                {
                    several = StudyComparison.Build(reports);
                }
                catch (ArgumentException ex)
                {
                    throw new CliException("compare: " + ex.Message);
                }

                string target = parse.GetValue(outDir) ?? "comparison";
                IReadOnlyList<ReportFigure> charts = several.Figures();
                WriteFigures(target, charts);
                Emit(target, "sources.csv", several.SourcesCsv());
                Emit(target, "pairs.csv", several.PairsCsv());
                Emit(target, "comparison.json", several.Json());
                Emit(target, "comparison.html", several.Html(charts));
                Console.Out.Write(several.Text());
                return Task.FromResult(0);
            }

            (StudyReport report, string? sweepDir) = Load(names[0], parse.GetValue(storage), ct);
            if (sweepDir is null)
            {
                throw new CliException($"compare: '{names[0]}' is not a sweep directory (one holding {SweepWorkspace.DefinitionFile}); name two or more sweeps or studies to compare them side by side");
            }

            SweepComparison comparison = SweepComparison.Build(report);
            string dir = parse.GetValue(outDir) ?? Path.Combine(sweepDir, "report");
            IReadOnlyList<ReportFigure> figures = comparison.Figures();
            WriteFigures(dir, figures);
            Emit(dir, "runs.csv", comparison.RunsCsv());
            Emit(dir, "configs.csv", comparison.ConfigsCsv());
            Emit(dir, "comparison.json", ComparisonWriter.Json(comparison));
            Emit(dir, "comparison.html", ComparisonWriter.Html(comparison, figures));
            Console.Out.WriteLine(comparison.Recommendation);
            return Task.FromResult(0);
        });
        return command;
    }

    private static async Task WritePngsAsync(string chromium, string dir, IReadOnlyList<ReportFigure> figures, CancellationToken ct)
    {
        string figureDir = Path.Combine(dir, "figures");
        try
        {
            // Two renders at once: each is a Chromium start-up, mostly waiting.
            await Parallel.ForEachAsync(figures, new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = ct }, async (f, token) =>
                await PngExport.RenderAsync(chromium, Path.Combine(figureDir, f.Id + ".svg"), Path.Combine(figureDir, f.Id + ".png"), token));
        }
        catch (IOException ex)
        {
            throw new CliException("--png: " + ex.Message);
        }

        Console.Error.WriteLine($"wrote {figures.Count} PNG figure(s) to {figureDir}");
    }

    /// <summary>Reads a sweep (directory or id) or a named study; never creates a database.</summary>
    private static (StudyReport Report, string? SweepDir) Load(string source, string? storage, CancellationToken ct)
    {
        string? sweepDir = new[] { source, Path.Combine("outputs", "experiments", source) }.FirstOrDefault(d => File.Exists(Path.Combine(d, SweepWorkspace.DefinitionFile)));
        string name = source;
        var options = new ReportOptions();
        if (sweepDir is not null)
        {
            sweepDir = Path.GetFullPath(sweepDir);
            Dictionary<string, object?> doc;
            try
            {
                doc = ConfigTree.Load(Path.Combine(sweepDir, SweepWorkspace.DefinitionFile));
            }
            catch (Exception ex) when (ex is ConfigException or IOException)
            {
                throw new CliException($"{Path.Combine(sweepDir, SweepWorkspace.DefinitionFile)}: {ex.Message}");
            }

            name = doc.GetValueOrDefault("id") as string ?? Path.GetFileName(sweepDir);
            string recorded = doc.GetValueOrDefault("storage") as string ?? SweepWorkspace.DefaultStorageFile;
            storage ??= ExperimentStores.IsPostgres(recorded) || Path.IsPathRooted(recorded) ? recorded : Path.Combine(sweepDir, recorded);
            Dictionary<string, object?>? definition = doc.GetValueOrDefault("definition") as Dictionary<string, object?>;
            string? target = definition?.GetValueOrDefault("target_metric") as string;
            // A multi-objective sweep records "name direction" per objective; the ensemble (strategy.ensemble) its k and top fraction.
            List<string>? objectives = definition?.GetValueOrDefault("objectives") is List<object?> o ? [.. o.Select(v => ConfigTree.Format(v).Split(' ')[0])] : null;
            Dictionary<string, object?>? ensemble = doc.GetValueOrDefault("ensemble") as Dictionary<string, object?>;
            options = new ReportOptions
            {
                ObjectiveNames = objectives ?? (target is null ? null : [target]),
                EnsembleK = ensemble?.GetValueOrDefault("k") is int k ? k : 0,
                EnsembleTopFraction = ensemble?.GetValueOrDefault("top_fraction") is double f ? f : new ReportOptions().EnsembleTopFraction,
                MetricsAttribute = SweepController.MetricsAttribute,
                ReasonAttribute = SweepController.ReasonAttribute,
                JobAttribute = SweepWorkspace.JobAttribute,
            };
        }
        else if (storage is null)
        {
            throw new CliException($"no sweep '{source}' (no {SweepWorkspace.DefinitionFile} there or under outputs/experiments); for a study give --storage DB");
        }

        if (!ExperimentStores.IsPostgres(storage) && !File.Exists(storage))
        {
            throw new CliException($"--storage: no database at '{storage}' (a report never creates one); give an existing SQLite file or a PostgreSQL connection string");
        }

        IStudyStorage opened = StudyCommands.Open(storage, ct);
        try
        {
            return (StudyReportBuilder.Build(StudyCommands.Load(opened, name), options), sweepDir);
        }
        finally
        {
            (opened as IDisposable)?.Dispose();
        }
    }

    private static void WriteFigures(string dir, IReadOnlyList<ReportFigure> figures)
    {
        foreach (ReportFigure f in figures)
        {
            Emit(Path.Combine(dir, "figures"), f.Id + ".svg", f.Svg, quiet: true);
        }
    }

    /// <summary>Writes to standard output (no directory) or atomically to DIR/file.</summary>
    private static void Emit(string? dir, string file, string content, bool quiet = false)
    {
        if (dir is null)
        {
            Console.Out.Write(content);
            return;
        }

        string path = Path.Combine(dir, file);
        try
        {
            Directory.CreateDirectory(dir);
            string temp = path + ".tmp";
            File.WriteAllText(temp, content, new UTF8Encoding(false));
            File.Move(temp, path, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"--out: cannot write '{path}': {ex.Message}");
        }

        if (!quiet)
        {
            Console.Error.WriteLine($"wrote {path}");
        }
    }
}
