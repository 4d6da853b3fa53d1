using Wnn.Ram.Model;

namespace Wnn.Ram.Tests.Model;

public sealed class GenomeTests
{
    [Fact]
    public void Tiered_genome_has_the_tier_shapes_and_connections_in_range()
    {
        Genome g = Genome.CreateTiered(TierConfig.Parse("2,3,4;rest,1,6"), 5, 32, new Rng(7));
        Assert.Equal(new[] { 3, 3, 1, 1, 1 }, g.NeuronsPerCluster);
        Assert.Equal(9, g.NeuronCount);
        Assert.Equal((6 * 4) + (3 * 6), g.Connections.Length);
        Assert.All(g.Connections, c => Assert.InRange(c, 0, 31));
        Assert.Equal(6, g.NeuronStart(2));
        Assert.Equal(24, g.ConnectionStart(6));
    }

    [Fact]
    public void Same_seed_gives_the_same_genome()
    {
        Genome a = Genome.CreateTiered(TierConfig.Default, 1000, 64, new Rng(42));
        Genome b = Genome.CreateTiered(TierConfig.Default, 1000, 64, new Rng(42));
        Assert.Equal(a.Connections, b.Connections);
    }

    [Fact]
    public void Rejects_bits_that_do_not_sum_to_the_neuron_count()
    {
        var ex = Assert.Throws<GenomeValidationException>(() => new Genome([2, 1], [4, 4], [0, 1, 2, 3, 0, 1, 2, 3]));
        Assert.Contains("bits_per_neuron has 2 entries but neurons_per_cluster sums to 3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_connections_that_do_not_sum_to_the_bit_count()
    {
        var ex = Assert.Throws<GenomeValidationException>(() => new Genome([1], [4], [0, 1, 2]));
        Assert.Contains("connections has 3 entries but bits_per_neuron sums to 4", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_connection_at_or_beyond_the_input_width()
    {
        var g = new Genome([1, 1], [2, 2], [0, 1, 2, 64]);
        var ex = Assert.Throws<GenomeValidationException>(() => g.ValidateFor(2, 64));
        Assert.Contains("connections[3] = 64 is not below the input width 64", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_cluster_count_other_than_the_vocabulary()
    {
        var g = new Genome([1], [2], [0, 1]);
        var ex = Assert.Throws<GenomeValidationException>(() => g.ValidateFor(3, 64));
        Assert.Contains("neurons_per_cluster has 1 clusters but the vocabulary has 3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_zero_neurons_and_out_of_range_bits()
    {
        Assert.Contains("neurons_per_cluster[1] = 0", Assert.Throws<GenomeValidationException>(() => new Genome([1, 0], [2], [0, 1])).Message, StringComparison.Ordinal);
        Assert.Contains("bits_per_neuron[0] = 31", Assert.Throws<GenomeValidationException>(() => new Genome([1], [31], new int[31])).Message, StringComparison.Ordinal);
    }
}
