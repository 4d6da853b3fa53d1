using Wnn.Experiments.Phased;
using Wnn.Ram.Model;

namespace Wnn.Experiments.Tests.Phased;

public sealed class GenomeOperatorsTests
{
    private const int InputBits = 32;

    private static Genome Start(ulong seed = 3) => Genome.CreateTiered(TierConfig.Parse("4,4,10;rest,3,6"), 20, InputBits, new Rng(seed));

    private static GenomeOperators Operators(bool[]? mutable = null) =>
        new(new MutationBounds(), mutable ?? Enumerable.Repeat(true, 20).ToArray(), InputBits);

    private static int[] ActuallyChanged(Genome a, Genome b) =>
        Enumerable.Range(0, a.ClusterCount).Where(c => !a.ClusterEquals(b, c)).ToArray();

    [Fact]
    public void Deltas_are_a_tenth_of_min_plus_max_rounded()
    {
        Assert.Equal(3, new MutationBounds().BitsDelta);
        Assert.Equal(2, new MutationBounds().NeuronsDelta);
        Assert.Equal(1, new MutationBounds(1, 2, 1, 2).BitsDelta);
    }

    [Fact]
    public void Bit_mutation_stays_in_bounds_and_keeps_the_first_connections()
    {
        Genome parent = Start();
        var rng = new Rng(11);
        for (int round = 0; round < 50; round++)
        {
            Offspring o = Operators().Mutate(parent, PhaseDimension.Bits, 1.0, rng);
            Genome child = o.Genome;
            Assert.Equal(parent.NeuronsPerCluster, child.NeuronsPerCluster);
            for (int k = 0; k < child.NeuronCount; k++)
            {
                int old = parent.BitsPerNeuron[k], b = child.BitsPerNeuron[k];
                Assert.InRange(b, 4, 24);
                Assert.InRange(b - old, -3, 3);
                int keep = Math.Min(old, b);
                Assert.Equal(parent.NeuronConnections(k)[..keep].ToArray(), child.NeuronConnections(k)[..keep].ToArray());
            }

            Assert.All(child.Connections, c => Assert.InRange(c, 0, InputBits - 1));
            Assert.Equal(ActuallyChanged(parent, child), o.ChangedClusters);
            Assert.True(o.SingleParent);
            parent = child;
        }
    }

    [Fact]
    public void Neuron_mutation_drops_trailing_neurons_and_adds_shifted_copies_of_siblings()
    {
        Genome parent = Start();
        var rng = new Rng(5);
        int grown = 0, shrunk = 0;
        for (int round = 0; round < 40; round++)
        {
            Offspring o = Operators().Mutate(parent, PhaseDimension.Neurons, 1.0, rng);
            Genome child = o.Genome;
            for (int c = 0; c < 20; c++)
            {
                int n0 = parent.NeuronsPerCluster[c], n1 = child.NeuronsPerCluster[c];
                Assert.InRange(n1, 1, 20);
                Assert.InRange(n1 - n0, -2, 2);
                int p0 = parent.NeuronStart(c), c0 = child.NeuronStart(c);
                for (int k = 0; k < Math.Min(n0, n1); k++)
                {
                    Assert.Equal(parent.BitsPerNeuron[p0 + k], child.BitsPerNeuron[c0 + k]);
                    Assert.Equal(parent.NeuronConnections(p0 + k).ToArray(), child.NeuronConnections(c0 + k).ToArray());
                }

                for (int k = n0; k < n1; k++)
                {
                    grown++;
                    Assert.Contains(Enumerable.Range(p0, n0), s => IsShiftedCopy(parent, s, child, c0 + k));
                }

                shrunk += n1 < n0 ? 1 : 0;
            }

            Assert.Equal(ActuallyChanged(parent, child), o.ChangedClusters);
            parent = child;
        }

        Assert.True(grown > 0 && shrunk > 0);
    }

    private static bool IsShiftedCopy(Genome parent, int sibling, Genome child, int neuron)
    {
        int bs = parent.BitsPerNeuron[sibling], b = child.BitsPerNeuron[neuron];
        if (!ShiftedOrClamped(bs, b, 4, 24))
        {
            return false;
        }

        ReadOnlySpan<int> s = parent.NeuronConnections(sibling), n = child.NeuronConnections(neuron);
        for (int i = 0; i < Math.Min(bs, b); i++)
        {
            if (!ShiftedOrClamped(s[i], n[i], 0, InputBits - 1))
            {
                return false;
            }
        }

        return true;
    }

    private static bool ShiftedOrClamped(int from, int to, int min, int max) =>
        new[] { -2, -1, 1, 2 }.Any(d => Math.Clamp(from + d, min, max) == to);

    [Fact]
    public void Connection_mutation_moves_each_connection_by_at_most_two_within_range()
    {
        Genome parent = Start();
        Offspring o = Operators().Mutate(parent, PhaseDimension.Connections, 1.0, new Rng(9));
        Assert.Same(parent.BitsPerNeuron, o.Genome.BitsPerNeuron);
        for (int i = 0; i < parent.Connections.Length; i++)
        {
            Assert.InRange(o.Genome.Connections[i] - parent.Connections[i], -2, 2);
            Assert.InRange(o.Genome.Connections[i], 0, InputBits - 1);
        }

        Assert.Equal(ActuallyChanged(parent, o.Genome), o.ChangedClusters);
    }

    [Theory]
    [InlineData(PhaseDimension.Neurons)]
    [InlineData(PhaseDimension.Bits)]
    [InlineData(PhaseDimension.Connections)]
    public void Frozen_clusters_never_change(PhaseDimension dimension)
    {
        bool[] mutable = GenomeOperators.MutableClusters(TierConfig.Parse("4,4,10;rest,3,6"), 20, optimizeTier0Only: true);
        Assert.Equal(4, mutable.Count(m => m));
        Genome parent = Start();
        var rng = new Rng(1);
        for (int round = 0; round < 20; round++)
        {
            Offspring o = Operators(mutable).Mutate(parent, dimension, 1.0, rng);
            Assert.All(o.ChangedClusters, c => Assert.True(c < 4));
            for (int c = 4; c < 20; c++)
            {
                Assert.True(parent.ClusterEquals(o.Genome, c));
            }
        }

        bool[] byFlag = GenomeOperators.MutableClusters(TierConfig.Parse("4,4,10,false;rest,3,6"), 20, optimizeTier0Only: false);
        Assert.Equal(Enumerable.Range(0, 20).Select(c => c >= 4), byFlag);
    }

    [Fact]
    public void Single_point_crossover_splits_at_a_cluster_boundary()
    {
        Genome a = Start(1), b = Start(2);
        Offspring o = Operators().Crossover(a, b, uniform: false, new Rng(4));
        int point = Enumerable.Range(0, 20).First(c => !o.Genome.ClusterEquals(a, c) || c == 19);
        Assert.InRange(point, 1, 19);
        for (int c = 0; c < 20; c++)
        {
            Assert.True(c < point ? o.Genome.ClusterEquals(a, c) : o.Genome.ClusterEquals(b, c));
        }

        Assert.False(o.SingleParent);
        Assert.Equal(ActuallyChanged(a, o.Genome), o.ChangedClusters);
    }

    [Fact]
    public void Uniform_crossover_takes_every_cluster_from_one_parent()
    {
        Genome a = Start(1), b = Operators().Mutate(Start(1), PhaseDimension.Neurons, 1.0, new Rng(3)).Genome;
        Offspring o = Operators().Crossover(a, b, uniform: true, new Rng(8));
        Assert.All(Enumerable.Range(0, 20), c => Assert.True(o.Genome.ClusterEquals(a, c) || o.Genome.ClusterEquals(b, c)));
        Assert.Equal(ActuallyChanged(a, o.Genome), o.ChangedClusters);
    }

    [Fact]
    public void Same_seed_gives_the_same_offspring()
    {
        Genome a = Start();
        Genome x = Operators().Mutate(a, PhaseDimension.Neurons, 0.5, new Rng(77)).Genome;
        Genome y = Operators().Mutate(a, PhaseDimension.Neurons, 0.5, new Rng(77)).Genome;
        Assert.Equal(x.Connections, y.Connections);
        Assert.Equal(x.BitsPerNeuron, y.BitsPerNeuron);
    }
}
