using Wnn.Ram.Evaluation;
using Wnn.Ram.Model;

namespace Wnn.Experiments.Phased;

/// <summary>One GA generation and one TS iteration.</summary>
internal sealed partial class PhaseRunner
{
    private List<ScoredGenome> GaGeneration(
        List<ScoredGenome> population, Rng rng, int part, double threshold, PressureLevel pressure, CancellationToken ct)
    {
        bool adaptive = _config.AdaptivePressure;
        (double popFactor, double rateFactor) = !adaptive ? (1.0, 1.0) : pressure switch
        {
            PressureLevel.Warning => (1.15, 1.5),
            PressureLevel.Critical => (1.3, 2.0),
            _ => (1.0, 1.0),
        };
        int size = Math.Max(1, (int)Math.Round(_config.PopulationSize * popFactor));
        double rate = Math.Min(1.0, _config.MutationRate * rateFactor);
        double[] fitness = _fitness.Compute(population);
        int elites = Math.Min(population.Count, Math.Max(1, (int)Math.Round(_config.EliteFraction * size)));
        int need = Math.Max(0, size - elites);
        int produce = _config.FitnessPercentile is double p ? (int)Math.Ceiling(need / p) : need;
        IGenomeEvaluator evaluator = _data.Part(part);
        var children = new List<ScoredGenome>(produce);
        for (int j = 0; j < produce; j++)
        {
            ScoredGenome first = Tournament(population, fitness, rng);
            Offspring child;
            if (population.Count > 1 && rng.NextDouble() < _config.CrossoverRate)
            {
                ScoredGenome second = Tournament(population, fitness, rng);
                Offspring crossed = _operators.Crossover(first.Genome, second.Genome, _config.Crossover == "uniform", rng);
                child = GenomeOperators.Then(crossed, _operators.Mutate(crossed.Genome, _spec.Dimension, rate, rng));
            }
            else
            {
                child = _operators.Mutate(first.Genome, _spec.Dimension, rate, rng);
            }

            children.Add(ScoreChild(evaluator, child, first, ct));
        }

        List<ScoredGenome> kept = SelectBest(children, s => s, need, threshold);
        return SortByFitness([.. population.Take(elites), .. kept]);
    }

    private ScoredGenome ScoreChild(IGenomeEvaluator evaluator, Offspring child, ScoredGenome parent, CancellationToken ct)
    {
        if (child.ChangedClusters.Length == 0 && ReferenceEquals(child.Genome, parent.Genome))
        {
            // Unchanged clone: same genome, same data, same (deterministic) score.
            return parent;
        }

        return Evaluate(evaluator, child.Genome, child.SingleParent ? child.Parent : null, ct);
    }

    private ScoredGenome Tournament(List<ScoredGenome> population, double[] fitness, Rng rng)
    {
        int best = rng.NextInt(population.Count);
        for (int i = 1; i < _config.TournamentSize; i++)
        {
            int other = rng.NextInt(population.Count);
            if (fitness[other] < fitness[best])
            {
                best = other;
            }
        }

        return population[best];
    }

    private List<ScoredGenome> TsIteration(
        List<ScoredGenome> population, Rng rng, int part, double threshold, TabuMemory tabu, ref double globalBest, CancellationToken ct)
    {
        int sources = Math.Min(population.Count, Math.Max(1, (int)Math.Ceiling(_config.TsSourceFraction * population.Count)));
        int produce = _config.FitnessPercentile is double p ? (int)Math.Ceiling(_config.NeighborsPerIter / p) : _config.NeighborsPerIter;
        IGenomeEvaluator evaluator = _data.Part(part);
        var neighbors = new List<(ScoredGenome Scored, int[] Move)>(produce);
        for (int j = 0; j < produce; j++)
        {
            ScoredGenome source = population[j % sources];
            Offspring child = _operators.Mutate(source.Genome, _spec.Dimension, _config.MutationRate, rng);
            for (int retry = 0; retry < 10 && child.ChangedClusters.Length == 0; retry++)
            {
                child = _operators.Mutate(source.Genome, _spec.Dimension, _config.MutationRate, rng);
            }

            if (child.ChangedClusters.Length == 0)
            {
                continue;
            }

            neighbors.Add((Evaluate(evaluator, child.Genome, source.Genome, ct), child.ChangedClusters));
        }

        List<(ScoredGenome Scored, int[] Move)> candidates = SelectBest(neighbors, n => n.Scored, _config.NeighborsPerIter, threshold);
        var admitted = new List<(ScoredGenome Scored, int[] Move)>();
        double best = globalBest;
        foreach (var n in candidates)
        {
            if (tabu.Admits(n.Move, n.Scored.CrossEntropy, best))
            {
                admitted.Add(n);
            }
        }

        if (admitted.Count > 0)
        {
            // The move taken this iteration: the best admitted neighbor (candidates are ordered best first).
            tabu.Add(admitted[0].Move);
            globalBest = Math.Min(globalBest, admitted.Min(n => n.Scored.CrossEntropy));
        }

        List<ScoredGenome> pool = SortByFitness([.. population, .. admitted.Select(n => n.Scored)]);
        return pool.Take(_config.PopulationSize).ToList();
    }
}
