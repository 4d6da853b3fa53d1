namespace Wnn.Experiments.Checkpoints;

/// <summary>
/// Loads --seed-from files, detecting the kind by content: a results JSON (final.genome, final.final_population),
/// a phase checkpoint (phase_result.best_genome, final_population; or a mid-phase state) or a genome file
/// ({"genome": …} or a bare genome object), gzipped or not.
/// </summary>
public static class SeedLoader
{
    /// <summary>Loads the seed genomes of <paramref name="path"/>.</summary>
    /// <exception cref="CheckpointException">Missing, corrupt, or holds no genome.</exception>
    public static SeedSource Load(string path)
    {
        CheckpointDocument doc = CheckpointDocument.Load(path);
        var population = (doc.FinalPopulation ?? []).Select(s => s.Genome).ToList();
        if (doc.HasFinal && doc.FinalGenome is not null)
        {
            return new SeedSource("results", doc.FinalGenome, population);
        }

        if (doc.HasPhaseResult && doc.BestGenome is not null)
        {
            return new SeedSource("checkpoint", doc.BestGenome, population);
        }

        if (doc.State is { } state)
        {
            var pop = state.Population.Select(s => s.Genome).ToList();
            return new SeedSource("checkpoint", pop[0], pop);
        }

        if (doc.FileGenome is not null)
        {
            return new SeedSource("genome", doc.FileGenome, []);
        }

        throw new CheckpointException(
            $"'{path}' holds no genome: expected a results JSON (final.genome), a phase checkpoint (phase_result.best_genome) or a genome file (genome)");
    }
}
