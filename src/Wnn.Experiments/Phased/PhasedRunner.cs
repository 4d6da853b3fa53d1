using System.Diagnostics;
using Wnn.Experiments.Checkpoints;
using Wnn.Experiments.Config;
using Wnn.Ram.Evaluation;
using Wnn.Ram.Model;

namespace Wnn.Experiments.Phased;

/// <summary>
/// Runs one pass of the phased search (1a GA … 3b TS, docs/phased-search.md): baseline on full data, six phases that
/// hand each other their best genome, population and threshold, checkpoints after every phase and periodically
/// within one, resume and seeding. Same seed and configuration ⇒ same results.
/// </summary>
public sealed class PhasedRunner
{
    private PhasedConfig _config;
    private readonly PhasedData _data;
    private readonly PhasedRunOptions _options;
    private readonly CheckpointStore? _store;

    /// <summary>Creates a runner; <paramref name="config"/> is validated here.</summary>
    public PhasedRunner(PhasedConfig config, PhasedData data, PhasedRunOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(data);
        _config = config.Validated();
        _data = data;
        _options = options ?? new PhasedRunOptions();
        IReadOnlyList<string> keys = [.. PhaseSpec.Order(_config).Select(p => p.Key)];
        if (_options.ResumeFrom is { } r && !keys.Contains(r))
        {
            throw new ConfigException($"invalid resume phase '{r}'; expected one of {string.Join(", ", keys)}");
        }

        if (_options.ResumeFrom is not null && _options.CheckpointDirectory is null)
        {
            throw new ConfigException("resuming needs the checkpoint directory of the interrupted run");
        }

        _store = _options.CheckpointDirectory is { } dir ? new CheckpointStore(dir, _options.CheckpointEncoding) : null;
        Seed = _config.RotationSeed ?? PhasedConfig.DefaultSeed;
    }

    /// <summary>The effective seed (the configured one, a resumed checkpoint's, or <see cref="PhasedConfig.DefaultSeed"/>).</summary>
    public ulong Seed { get; private set; }

    /// <summary>Runs the pass on a worker thread.</summary>
    public Task<PhasedRunResult> RunAsync(CancellationToken cancellationToken = default) =>
        Task.Factory.StartNew(() => Run(cancellationToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>Runs the pass.</summary>
    /// <exception cref="PhasedRunCancelledException">Cancelled; a mid-phase checkpoint was written when possible.</exception>
    /// <exception cref="CheckpointException">Resume files are missing or corrupt.</exception>
    public PhasedRunResult Run(CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        if (_store is not null)
        {
            // A run killed mid-write leaves multi-megabyte temp files beside the checkpoints; they are never read back.
            CheckpointFile.RemoveStaleTemps(_store.Directory);
        }

        IReadOnlyList<PhaseSpec> requested = PhaseSpec.Order(_config);
        int start = _options.ResumeFrom is { } from ? requested.Select(p => p.Key).ToList().IndexOf(from) : 0;
        PhaseCheckpoint? mid = null, before = null;
        if (_options.ResumeFrom is not null)
        {
            mid = _store!.TryLoadMid(requested[start]);
            if (mid is null && start > 0)
            {
                before = _store.TryLoad(requested[start - 1]) ?? throw new CheckpointException(
                    $"cannot resume from {requested[start].Key}: the checkpoint of phase {requested[start - 1].Key} ('{_store.PathFor(requested[start - 1])}') is missing");
            }

            if ((mid ?? before) is { } resumed)
            {
                _config = ResumeIdentity.Resolve(resumed.Config, resumed.Seed, _config, _options.ExplicitKeys, requested[start].Key,
                    mid is null ? start : start + 1).Config;
                if (resumed.DataFingerprint is { } recorded && recorded != _data.Fingerprint)
                {
                    throw new ConfigException(
                        $"resume from {requested[start].Key}: the training or evaluation tokens differ from the checkpoint's (data files, format, tokenizer or token counts changed); "
                        + "resume with the same data, or start a new run in another checkpoint directory");
                }
            }
        }

        IReadOnlyList<PhaseSpec> phases = PhaseSpec.Order(_config);
        TierConfig tiers = _config.Tiers;
        var operators = new GenomeOperators(
            new MutationBounds(_config.MinBits, _config.MaxBits, _config.MinNeurons, _config.MaxNeurons),
            GenomeOperators.MutableClusters(tiers, _data.ClusterCount, _config.OptimizeTier0Only), _data.InputBits);

        EvaluationResult baseline;
        var summaries = new List<PhaseSummary>();
        PhaseResult? previous = null;
        PhaseState? resumeState = null;
        IReadOnlyList<Genome>? firstGenomes = null;

        if (mid is not null)
        {
            Seed = mid.Seed;
            baseline = mid.Baseline;
            summaries.AddRange(mid.CompletedPhases);
            resumeState = mid.State;
        }
        else if (before is { } cp)
        {
            Seed = cp.Seed;
            baseline = cp.Baseline;
            summaries.AddRange(cp.CompletedPhases);
            summaries.Add(cp.Result!.Summary);
            previous = cp.Result;
        }
        else
        {
            Genome startGenome = StartGenome(tiers);
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                baseline = _data.Full.Evaluate(startGenome, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw new PhasedRunCancelledException(phases[0].Key, null, cancellationToken);
            }

            Report(new PhasedProgress("baseline", _config.Pass, "", "baseline", 0, 0, baseline.CrossEntropy, baseline.Accuracy, 0,
                _config.EffectivePatience, 0, null));
            firstGenomes = phases[0].Kind == PhaseKind.Grid ? GridGenomes(startGenome, phases[0], 0, operators) : InitialGenomes(startGenome, phases[0], operators);
        }

        for (int i = start; i < phases.Count; i++)
        {
            PhaseSpec spec = phases[i];
            IReadOnlyList<PhaseSummary> completed = [.. summaries];
            PhaseCheckpoint Context(PhaseResult? result, PhaseState? state) =>
                new(spec.Key, spec.Name, _config.Pass, Seed, baseline, completed, result, state, CheckpointSerializer.ConfigValues(_config))
                {
                    DataFingerprint = _data.Fingerprint,
                    ScoreScaleFit = _data.ScoreScaleFit,
                };

            PhasedConfig phaseConfig = spec.Apply(_config);
            var runner = new PhaseRunner(phaseConfig, _data, operators, spec, i, Seed, _options.Progress is { } p ? p.Report : null,
                _store is null ? null : state => SaveMid(spec, Context(null, state)));
            _options.Observer?.PhaseStarting(spec, i, resumeState?.Iteration ?? 0);
            PhaseResult result;
            try
            {
                PhaseState state = resumeState ?? runner.Start(
                    firstGenomes ?? NextGenomes(previous!, phases, i, phaseConfig, operators),
                    previous?.FinalThreshold ?? _config.ThresholdStart, cancellationToken);
                resumeState = null;
                firstGenomes = null;
                result = runner.Run(state, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                string? path = null;
                if (_store is not null && runner.Committed is { } committed)
                {
                    path = _store.Save(spec, Context(null, committed));
                }

                throw new PhasedRunCancelledException(spec.Key, path, cancellationToken);
            }

            summaries.Add(result.Summary);
            string? phasePath = null;
            if (_store is not null)
            {
                phasePath = _store.Save(spec, Context(result, null));
                _store.DeleteMid(spec);
                Report(new PhasedProgress("checkpoint", _config.Pass, spec.Key, spec.Name, result.Iterations, result.Iterations,
                    result.Best.CrossEntropy, result.Best.Accuracy, 0, _config.EffectivePatience, 0, null, phasePath));
            }

            _options.Observer?.PhaseCompleted(spec, i, result, phasePath);

            previous = result;
        }

        var final = new PhasedRunResult(_config.Pass, _config.EffectivePatience, Seed, _config with { RotationSeed = Seed }, baseline,
            summaries, previous!.Best, previous.FinalPopulation, previous.FinalThreshold, DateTimeOffset.UtcNow, clock.Elapsed.TotalSeconds)
        {
            ScoreScaleFit = _data.ScoreScaleFit,
            NgramBaselines = _data.NgramBaselines(),
        };
        Report(new PhasedProgress("done", _config.Pass, phases[^1].Key, phases[^1].Name, previous.Iterations, previous.Iterations,
            final.Final.CrossEntropy, final.Final.Accuracy, 0, _config.EffectivePatience, 0, TimeSpan.Zero));
        return final;
    }

    private void SaveMid(PhaseSpec spec, PhaseCheckpoint checkpoint)
    {
        string path = _store!.Save(spec, checkpoint);
        Report(new PhasedProgress("checkpoint", _config.Pass, spec.Key, spec.Name, checkpoint.State!.Iteration, 0,
            checkpoint.State.Population[0].CrossEntropy, checkpoint.State.Population[0].Accuracy, checkpoint.State.PatienceCounter,
            _config.EffectivePatience, 0, null, path));
    }

    private void Report(PhasedProgress progress) => _options.Progress?.Report(progress);

    /// <summary>The tiered genome a search without a seed genome starts from.</summary>
    public static Genome TieredStart(TierConfig tiers, int clusters, int inputBits, ulong seed) =>
        Genome.CreateTiered(tiers, clusters, inputBits, Rng.ForStream(seed, 0xC0FFEEUL));

    private Genome StartGenome(TierConfig tiers)
    {
        if (_options.Seed is { } seed)
        {
            Validate(seed.Genome, "seed genome");
            return seed.Genome;
        }

        return TieredStart(tiers, _data.ClusterCount, _data.InputBits, Seed);
    }

    private void Validate(Genome genome, string what)
    {
        try
        {
            genome.ValidateFor(_data.ClusterCount, _data.InputBits);
        }
        catch (GenomeValidationException ex)
        {
            throw new CheckpointException($"{what} does not fit the data: {ex.Message}", ex);
        }
    }

    /// <summary>The first phase's genomes: the seed population (or start genome) topped up with its mutants.</summary>
    private List<Genome> InitialGenomes(Genome start, PhaseSpec spec, GenomeOperators operators)
    {
        var genomes = new List<Genome> { start };
        if (_options.Seed is { } seed)
        {
            foreach (Genome g in seed.Population.Where(g => !SameGenome(g, start)).Take(_config.PopulationSize - 1))
            {
                Validate(g, "seed population genome");
                genomes.Add(g);
            }
        }

        return TopUp(genomes, spec, 0, spec.Apply(_config), operators);
    }

    /// <summary>The starting genomes of phase <paramref name="i"/> from the result of the phase before it.</summary>
    private List<Genome> NextGenomes(PhaseResult previous, IReadOnlyList<PhaseSpec> phases, int i, PhasedConfig config, GenomeOperators operators)
    {
        PhaseSpec spec = phases[i];
        if (spec.Kind == PhaseKind.Grid)
        {
            return GridGenomes(previous.Best.Genome, spec, i, operators);
        }

        if (phases[i - 1].Kind == PhaseKind.Grid)
        {
            return RankSeeded(previous.FinalPopulation, spec, i, config, operators);
        }

        var genomes = new List<Genome> { previous.Best.Genome };
        genomes.AddRange(previous.FinalPopulation.Select(s => s.Genome).Where(g => !SameGenome(g, previous.Best.Genome))
            .Take(config.PopulationSize - 1));
        return TopUp(genomes, spec, i, config, operators);
    }

    /// <summary>A grid phase's genomes: <see cref="GenomeOperators.Uniform"/> of <paramref name="source"/> for each neurons × bits pair, neurons-major.</summary>
    private List<Genome> GridGenomes(Genome source, PhaseSpec spec, int phaseIndex, GenomeOperators operators)
    {
        PhasedConfig config = spec.Apply(_config);
        Rng rng = PhaseRunner.StreamFor(Seed, _config.Pass, phaseIndex, -1);
        var genomes = new List<Genome>();
        foreach (int n in PhasePlan.GridValues(config.GridNeurons, ConfigKeys.GridNeurons.Name, config.MinNeurons, config.MaxNeurons))
        {
            foreach (int b in PhasePlan.GridValues(config.GridBits, ConfigKeys.GridBits.Name, config.MinBits, config.MaxBits))
            {
                genomes.Add(operators.Uniform(source, n, b, rng));
            }
        }

        return genomes;
    }

    /// <summary>
    /// The phase after a grid phase: <see cref="RankShares"/> of the population size for the grid's genomes in their rank
    /// order; each kept genome once, then its share minus one mutants of it in this phase's dimension.
    /// </summary>
    private List<Genome> RankSeeded(IReadOnlyList<ScoredGenome> ranked, PhaseSpec spec, int phaseIndex, PhasedConfig config, GenomeOperators operators)
    {
        int[] shares = RankShares(ranked.Count, config.PopulationSize);
        Rng rng = PhaseRunner.StreamFor(Seed, _config.Pass, phaseIndex, -1);
        var genomes = new List<Genome>(config.PopulationSize);
        for (int r = 0; r < ranked.Count; r++)
        {
            for (int k = 0; k < shares[r]; k++)
            {
                genomes.Add(k == 0 ? ranked[r].Genome : operators.Mutate(ranked[r].Genome, spec.Dimension, config.MutationRate, rng).Genome);
            }
        }

        return genomes;
    }

    /// <summary>
    /// Shares of <paramref name="population"/> for <paramref name="count"/> ranked items: rank r (1 = best) weighs
    /// count − r + 1; each gets the floor of its quota population·w/Σw, and what is left goes one each to the largest
    /// remainders (the better rank on a tie). The shares sum to <paramref name="population"/>.
    /// </summary>
    public static int[] RankShares(int count, int population)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfNegative(population);
        long total = (long)count * (count + 1) / 2;
        int[] shares = new int[count];
        long[] remainders = new long[count];
        int given = 0;
        for (int r = 0; r < count; r++)
        {
            long quota = (long)population * (count - r); // in units of 1/total
            shares[r] = (int)(quota / total);
            remainders[r] = quota % total;
            given += shares[r];
        }

        foreach (int r in Enumerable.Range(0, count).OrderByDescending(r => remainders[r]).ThenBy(r => r).Take(population - given))
        {
            shares[r]++;
        }

        return shares;
    }

    /// <summary>Structural equality: a genome read back from a checkpoint equals the one that was written.</summary>
    private static bool SameGenome(Genome a, Genome b) => ReferenceEquals(a, b)
        || (a.NeuronsPerCluster.AsSpan().SequenceEqual(b.NeuronsPerCluster) && a.BitsPerNeuron.AsSpan().SequenceEqual(b.BitsPerNeuron)
            && a.Connections.AsSpan().SequenceEqual(b.Connections));

    private List<Genome> TopUp(List<Genome> genomes, PhaseSpec spec, int phaseIndex, PhasedConfig config, GenomeOperators operators)
    {
        Rng rng = PhaseRunner.StreamFor(Seed, _config.Pass, phaseIndex, -1);
        int count = genomes.Count;
        for (int i = 0; genomes.Count < config.PopulationSize; i++)
        {
            genomes.Add(operators.Mutate(genomes[i % count], spec.Dimension, config.MutationRate, rng).Genome);
        }

        return genomes;
    }
}
