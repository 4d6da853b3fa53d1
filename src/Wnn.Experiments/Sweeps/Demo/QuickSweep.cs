using System.Globalization;
using Wnn.Experiments.Config.Composition;
using Wnn.Search;

namespace Wnn.Experiments.Sweeps.Demo;

/// <summary>
/// The built-in demo sweep (`wnn sweep quick`): a TPE study over a tiny MLP's learning rate, hidden width and epochs on
/// spirals or moons, trained in this process through the same sweep model as external commands (run dirs, cfg.yaml,
/// metrics.jsonl, pruning on val_acc every 20 epochs).
/// </summary>
public static class QuickSweep
{
    /// <summary>The source recorded in a quick sweep's sweep.yaml: resume reads the definition again from it, not from a file.</summary>
    public const string Source = "builtin:quick";

    /// <summary>The <see cref="SweepDefinition.Form"/> of a quick sweep.</summary>
    public const string Form = "builtin";

    private const string ProblemKey = "problem";

    /// <summary>What `wnn sweep resume` needs to read a quick sweep again: the problem and the command-line options.</summary>
    public static SweepSource SourceOf(string problem, int trials, int maxParallel, long? seed, DateTimeOffset now) =>
        new(Source, [ProblemKey + "=" + problem], new SweepReadOptions { Trials = trials, MaxParallel = maxParallel, Seed = seed, Now = now });

    /// <summary>The definition a <see cref="SourceOf"/> source records (for resume; the sweep dir is the options').</summary>
    /// <exception cref="ConfigException">The recorded problem is missing or unknown.</exception>
    public static SweepDefinition Read(IReadOnlyList<string> overrides, SweepReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        ArgumentNullException.ThrowIfNull(options);
        string problem = overrides.FirstOrDefault(o => o.StartsWith(ProblemKey + "=", StringComparison.Ordinal))?[(ProblemKey.Length + 1)..]
            ?? throw new ConfigException($"{Source}: the sweep records no {ProblemKey}");
        return Definition(problem, options.Trials ?? 10, options.MaxParallel ?? 2, options.Seed, options.SweepDir, options.Now ?? DateTimeOffset.Now);
    }

    /// <summary>The demo's definition: its search space, target (val_acc, maximize), median pruner, and a sweep dir under outputs/experiments.</summary>
    public static SweepDefinition Definition(string problem, int trials, int maxParallel, long? seed, string? sweepDir, DateTimeOffset now)
    {
        if (!DemoProblem.Names.Contains(problem))
        {
            throw new ConfigException($"--problem: unknown problem '{problem}'; known: {string.Join(", ", DemoProblem.Names)}");
        }

        string name = "quick_" + problem;
        return new SweepDefinition
        {
            Name = name,
            Form = Form,
            Kind = SweepKind.Study,
            Command = ["(built-in)", "tiny-mlp"],
            Config = new Dictionary<string, object?> { ["problem"] = problem, ["points"] = 600 },
            BaseOverrides = [new("problem", problem)],
            Parameters =
            [
                new SweepParameter("lr", new FloatDistribution(0.01, 3, log: true)),
                new SweepParameter("hidden_dim", new IntDistribution(2, 32, log: true)),
                new SweepParameter("epochs", new IntDistribution(100, 600, step: 100)),
            ],
            Execution = new SweepExecution { MaxParallel = maxParallel },
            Optimization = new SweepOptimization { TargetMetric = "val_acc", Direction = StudyDirection.Maximize, Sampler = "tpe", Pruner = "median", Trials = trials, Seed = seed ?? 42 },
            SweepDir = Path.GetFullPath(sweepDir ?? SweepDirectory.Resolve(SweepDirectory.DefaultTemplate, new ConfigMapping(), name, now, "--sweep-dir")),
        };
    }

    /// <summary>The in-process executor that trains the MLP of each job (seeded by the job number) and reports val_acc and val_loss.</summary>
    public static InProcessTrialExecutor Executor() => new((job, context, ct) =>
    {
        string problem = (string)job.Config["problem"]!;
        int points = Convert.ToInt32(job.Config["points"], CultureInfo.InvariantCulture);
        double lr = Convert.ToDouble(job.Config["lr"], CultureInfo.InvariantCulture);
        int hidden = Convert.ToInt32(job.Config["hidden_dim"], CultureInfo.InvariantCulture);
        int epochs = Convert.ToInt32(job.Config["epochs"], CultureInfo.InvariantCulture);
        (double[][] x, int[] y) = DemoProblem.Generate(problem, points, seed: 7);
        int split = points * 2 / 3;
        double[][] trainX = x[..split], valX = x[split..];
        int[] trainY = y[..split], valY = y[split..];
        var model = new TinyMlp(hidden, seed: 1000 + job.Job);
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            ct.ThrowIfCancellationRequested();
            double loss = model.Step(trainX, trainY, lr);
            if (epoch % 20 == 0 || epoch == epochs)
            {
                (double acc, double valLoss) = model.Evaluate(valX, valY);
                context.Log($"epoch {epoch} train_loss {loss:F4} val_loss {valLoss:F4} val_acc {acc:F4}");
                context.Report(epoch / 20, new Dictionary<string, double> { ["val_acc"] = acc, ["val_loss"] = valLoss, ["train_loss"] = loss });
            }
        }

        return Task.CompletedTask;
    });
}
