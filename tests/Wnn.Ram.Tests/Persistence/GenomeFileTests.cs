using Wnn.Ram.Model;
using Wnn.Ram.Persistence;

namespace Wnn.Ram.Tests.Persistence;

public sealed class GenomeFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wnn-genome-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Genome Sample() => Genome.CreateTiered(TierConfig.Parse("2,3,5;rest,2,4"), 10, 64, new Rng(4));

    [Fact]
    public void Gzip_round_trip_keeps_every_field()
    {
        Genome g = Sample();
        string path = Path.Combine(_dir, "g.json.gz");
        GenomeFile.Save(path, g, new Dictionary<string, double> { ["ce"] = 10.5 });
        byte[] head = File.ReadAllBytes(path)[..2];
        Assert.Equal(new byte[] { 0x1f, 0x8b }, head);
        Genome back = GenomeFile.Load(path);
        Assert.Equal(g.NeuronsPerCluster, back.NeuronsPerCluster);
        Assert.Equal(g.BitsPerNeuron, back.BitsPerNeuron);
        Assert.Equal(g.Connections, back.Connections);
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp"));
    }

    [Fact]
    public void Plain_json_is_written_and_read_too()
    {
        string path = Path.Combine(_dir, "g.json");
        GenomeFile.Save(path, Sample());
        Assert.StartsWith("{\"format\":\"wnn-genome\"", File.ReadAllText(path), StringComparison.Ordinal);
        Assert.Equal(Sample().Connections, GenomeFile.Load(path).Connections);
    }

    [Fact]
    public void Loading_a_plain_name_prefers_the_gz_sibling()
    {
        string plain = Path.Combine(_dir, "g.json");
        File.WriteAllText(plain, "not json");
        GenomeFile.Save(plain + ".gz", Sample());
        Assert.Equal(Sample().Connections, GenomeFile.Load(plain).Connections);
    }

    [Fact]
    public void A_corrupt_file_is_reported_with_its_path()
    {
        string path = Path.Combine(_dir, "bad.json.gz");
        File.WriteAllBytes(path, [0x1f, 0x8b, 1, 2, 3]);
        var ex = Assert.Throws<InvalidDataException>(() => GenomeFile.Load(path));
        Assert.Contains("bad.json.gz is not a valid (gzipped) JSON file", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_field_is_named()
    {
        string path = Path.Combine(_dir, "partial.json");
        File.WriteAllText(path, "{\"genome\":{\"neurons_per_cluster\":[1],\"bits_per_neuron\":[2]}}");
        var ex = Assert.Throws<GenomeValidationException>(() => GenomeFile.Load(path));
        Assert.Contains("'connections' is missing", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_a_file_not_found_error()
    {
        Assert.Throws<FileNotFoundException>(() => GenomeFile.Load(Path.Combine(_dir, "none.json.gz")));
    }
}
