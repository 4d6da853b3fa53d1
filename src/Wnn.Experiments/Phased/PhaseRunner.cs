using System.Diagnostics;
using Wnn.Experiments.Config;
using Wnn.Ram.Evaluation;
using Wnn.Ram.Model;

namespace Wnn.Experiments.Phased;

/// <summary>
/// Runs one phase (GA or TS) from an initial population or a saved loop state. Random numbers of iteration i come
/// from their own stream of the run seed, so a phase resumed at iteration i continues exactly.
/// </summary>
internal sealed partial class PhaseRunner
{
    private readonly PhasedConfig _config;
    private readonly PhasedData _data;
    private readonly GenomeOperators _operators;
    private readonly FitnessCalculator _fitness;
    private readonly PhaseSpec _spec;
    private readonly int _phaseIndex;
    private readonly ulong _seed;
    private readonly Action<PhasedProgress>? _progress;
    private readonly Action<PhaseState>? _checkpoint;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _evaluations;

    public PhaseRunner(
        PhasedConfig config, PhasedData data, GenomeOperators operators, PhaseSpec spec, int phaseIndex, ulong seed,
        Action<PhasedProgress>? progress, Action<PhaseState>? checkpoint)
    {
        _config = config;
        _data = data;
        _operators = operators;
        _fitness = new FitnessCalculator(FitnessCalculator.ParseKind(config.Fitness), config.FitnessWeightCe, config.FitnessWeightAcc, config.MinAccuracyFloor);
        _spec = spec;
        _phaseIndex = phaseIndex;
        _seed = seed;
        _progress = progress;
        _checkpoint = checkpoint;
    }

    /// <summary>The last state between two iterations (what a mid-phase checkpoint saves); null before the loop starts.</summary>
    public PhaseState? Committed { get; private set; }

    private bool IsGa => _spec.Kind == PhaseKind.GeneticAlgorithm;

    // A grid phase is its initial evaluation only: no loop.
    private int MaxIterations => _spec.Kind switch
    {
        PhaseKind.GeneticAlgorithm => _config.GaGenerations,
        PhaseKind.TabuSearch => _config.TsIterations,
        _ => 0,
    };

    private int Patience => _config.EffectivePatience;

    /// <summary>Random stream of iteration <paramref name="iteration"/> (−1 = building the initial population).</summary>
    public static Rng StreamFor(ulong seed, int pass, int phaseIndex, int iteration) =>
        Rng.ForStream(seed, ((ulong)(uint)pass << 40) | ((ulong)(uint)phaseIndex << 32) | (uint)(iteration + 1));

    private int PartFor(int iteration)
    {
        long phaseStep = ((long)(_config.Pass - 1) * Math.Max(6, PhasePlan.Of(_config).Count)) + _phaseIndex;
        long step = _config.Rotation == "iteration" ? (phaseStep * 1_000_000L) + Math.Max(0, iteration) : phaseStep;
        return Rotation.Part(_seed, step, _data.TokenParts);
    }

    /// <summary>Evaluates the initial genomes on the phase's part and returns the starting loop state.</summary>
    public PhaseState Start(IReadOnlyList<Genome> genomes, double thresholdStart, CancellationToken ct)
    {
        int part = PartFor(0);
        IGenomeEvaluator evaluator = _data.Part(part);
        var scored = new List<ScoredGenome>(genomes.Count);
        foreach (Genome g in genomes)
        {
            scored.Add(Evaluate(evaluator, g, null, ct));
        }

        List<ScoredGenome> population = SortByFitness(scored);
        double best = population.Min(s => s.CrossEntropy);
        return new PhaseState(0, population, thresholdStart, 0, best, best, part, []);
    }

    /// <summary>Runs the loop from <paramref name="state"/> to the end of the phase and evaluates the top on full data.</summary>
    public PhaseResult Run(PhaseState state, CancellationToken ct)
    {
        double minImprovement = IsGa ? _config.GaMinImprovementPct : _config.TsMinImprovementPct;
        var tracker = new PatienceTracker(Patience, _config.CheckInterval, minImprovement, state.LastCheckBest)
        {
            Counter = state.PatienceCounter,
        };
        var tabu = new TabuMemory(_config.TabuTenure);
        foreach (int[] move in state.TabuMoves)
        {
            tabu.Add(move);
        }

        Committed = state;
        int startIteration = state.Iteration;
        List<ScoredGenome> population = [.. state.Population];
        double globalBest = state.GlobalBest;
        int part = state.Part;
        int iteration = state.Iteration;
        Report("phase_start", iteration, population, tracker, startIteration, null, null);
        PressureLevel pressure = tracker.Pressure;
        while (iteration < MaxIterations && tracker.Counter < tracker.Patience)
        {
            Rng rng = StreamFor(_seed, _config.Pass, _phaseIndex, iteration);
            int wanted = PartFor(iteration);
            if (wanted != part)
            {
                // Per-iteration rotation: rescore the population on the new part so that comparisons are fair.
                IGenomeEvaluator next = _data.Part(wanted);
                population = SortByFitness([.. population.Select(s => Evaluate(next, s.Genome, null, ct))]);
                part = wanted;
            }

            double threshold = AccuracyThreshold.At(state.ThresholdStart, _config.ThresholdDelta, _config.ThresholdReference, iteration + 1);
            population = IsGa
                ? GaGeneration(population, rng, part, threshold, tracker.Pressure, ct)
                : TsIteration(population, rng, part, threshold, tabu, ref globalBest, ct);
            iteration++;
            double bestCe = population.Min(s => s.CrossEntropy);
            globalBest = Math.Min(globalBest, bestCe);
            tracker.Update(iteration, bestCe);
            Committed = new PhaseState(iteration, population, state.ThresholdStart, tracker.Counter, tracker.LastCheckBest, globalBest, part, tabu.Moves);
            string? note = null;
            if (IsGa && _config.AdaptivePressure && tracker.Pressure != pressure)
            {
                pressure = tracker.Pressure;
                note = pressure switch
                {
                    PressureLevel.Warning => "WARNING: progress stalled; population x1.15, mutation rate x1.5",
                    PressureLevel.Critical => "CRITICAL: about to stop; population x1.3, mutation rate x2",
                    _ => "progress resumed; base population and mutation rate",
                };
            }

            Report("iteration", iteration, population, tracker, startIteration, note, threshold);
            if (_checkpoint is not null && _config.CheckpointInterval > 0 && iteration % _config.CheckpointInterval == 0 && iteration < MaxIterations)
            {
                _checkpoint(Committed);
            }
        }

        double finalThreshold = AccuracyThreshold.At(state.ThresholdStart, _config.ThresholdDelta, _config.ThresholdReference, iteration);
        ScoredGenome best = EvaluateTopOnFullData(population, ct);
        var result = new PhaseResult(_spec.Key, _spec.Name, best, population, finalThreshold, iteration, tracker.Counter >= tracker.Patience);
        _progress?.Invoke(new PhasedProgress("phase_end", _config.Pass, _spec.Key, _spec.Name, iteration, MaxIterations, best.CrossEntropy,
            best.Accuracy, tracker.Counter, tracker.Patience, Rate(), TimeSpan.Zero));
        return result;
    }

    private ScoredGenome EvaluateTopOnFullData(List<ScoredGenome> population, CancellationToken ct)
    {
        int top = Math.Max(1, (int)Math.Ceiling(_config.FullEvalFraction * population.Count));
        ScoredGenome? best = null;
        foreach (ScoredGenome s in population.Take(top))
        {
            ScoredGenome full = Evaluate(_data.Full, s.Genome, null, ct);
            if (best is null || full.CrossEntropy < best.CrossEntropy)
            {
                best = full;
            }
        }

        return best!;
    }

    private ScoredGenome Evaluate(IGenomeEvaluator evaluator, Genome genome, Genome? parent, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        EvaluationResult r = parent is null ? evaluator.Evaluate(genome, ct) : evaluator.EvaluateDerived(genome, parent, ct);
        _evaluations++;
        return new ScoredGenome(genome, r.CrossEntropy, r.Accuracy);
    }

    private List<ScoredGenome> SortByFitness(List<ScoredGenome> items)
    {
        double[] fitness = _fitness.Compute(items);
        return [.. FitnessCalculator.RankOrder(fitness).Select(i => items[i])];
    }

    /// <summary>
    /// The best <paramref name="count"/> candidates by fitness (computed over the candidates), preferring those at or
    /// above the accuracy threshold; rejected ones fill the gaps, best first.
    /// </summary>
    private List<T> SelectBest<T>(List<T> candidates, Func<T, ScoredGenome> score, int count, double threshold)
    {
        double[] fitness = _fitness.Compute([.. candidates.Select(score)]);
        int[] order = FitnessCalculator.RankOrder(fitness);
        var passing = order.Where(i => score(candidates[i]).Accuracy >= threshold);
        var rejected = order.Where(i => score(candidates[i]).Accuracy < threshold);
        return [.. passing.Concat(rejected).Take(count).Select(i => candidates[i])];
    }

    private double Rate() => _clock.Elapsed.TotalSeconds > 0 ? _evaluations / _clock.Elapsed.TotalSeconds : 0;

    private void Report(
        string evt, int iteration, List<ScoredGenome> population, PatienceTracker tracker, int startIteration, string? message, double? threshold)
    {
        if (_progress is null)
        {
            return;
        }

        ScoredGenome best = population.MinBy(s => s.CrossEntropy)!;
        int done = iteration - startIteration;
        TimeSpan? eta = done > 0 ? TimeSpan.FromSeconds(_clock.Elapsed.TotalSeconds / done * (MaxIterations - iteration)) : null;
        double rate = Rate();
        _progress(new PhasedProgress(evt, _config.Pass, _spec.Key, _spec.Name, iteration, MaxIterations, best.CrossEntropy, best.Accuracy,
            tracker.Counter, tracker.Patience, rate, eta, message, population.Average(s => s.CrossEntropy), population.Average(s => s.Accuracy),
            threshold, PassEta(eta, rate)));
    }

    /// <summary>This phase's ETA plus the budgets of the later phases at the current evaluation rate.</summary>
    private TimeSpan? PassEta(TimeSpan? phaseEta, double rate)
    {
        if (phaseEta is not { } left || rate <= 0)
        {
            return null;
        }

        IReadOnlyList<PhaseSpec> order = PhaseSpec.Order(_config);
        if (_phaseIndex + 1 >= order.Count)
        {
            return left; // the last phase: the pass ends with it (no round trip through seconds)
        }

        double seconds = left.TotalSeconds;
        for (int j = _phaseIndex + 1; j < order.Count; j++)
        {
            PhasedConfig later = order[j].Apply(_config);
            bool ga = order[j].Kind == PhaseKind.GeneticAlgorithm;
            double perIteration = ga ? later.PopulationSize : later.NeighborsPerIter;
            if (later.FitnessPercentile is double p && p > 0)
            {
                perIteration /= p;
            }

            seconds += order[j].Kind switch
            {
                PhaseKind.Grid => PhasePlan.GridValues(later.GridNeurons, "", 1, int.MaxValue).Length * PhasePlan.GridValues(later.GridBits, "", 1, int.MaxValue).Length,
                _ => (ga ? later.GaGenerations : later.TsIterations) * perIteration,
            } / rate;
        }

        return TimeSpan.FromSeconds(seconds);
    }
}
