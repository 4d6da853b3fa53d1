using Wnn.Experiments.Checkpoints;
using Wnn.Ram.Model;

namespace Wnn.Experiments.Tests.Checkpoints;

/// <summary>A cut genome file says it is truncated; a complete but broken one says it is corrupt.</summary>
public sealed class TruncatedFileTests
{
    [Theory]
    [InlineData("best.json.gz", "gzip data ends")]
    [InlineData("best.json", "content ends")]
    public void A_cut_genome_file_is_reported_as_truncated(string name, string detail)
    {
        using var dir = new TempDir();
        string path = dir.File(name);
        GenomeFile.Save(path, Genome.CreateTiered(TierConfig.Default, 600, 40, new Rng(1)));
        byte[] whole = File.ReadAllBytes(path);
        foreach (int cut in new[] { whole.Length / 2, whole.Length - 12, 12 })
        {
            File.WriteAllBytes(path, whole[..cut]);
            CheckpointException ex = Assert.Throws<CheckpointException>(() => SeedLoader.Load(path));
            string expected = $"truncated file '{path}': its {detail} before the end of the JSON document (an interrupted write or copy?)";
            Assert.True(expected == ex.Message, $"cut at {cut} of {whole.Length} bytes: {ex.Message}");
        }
    }

    [Fact]
    public void A_complete_file_with_bad_json_is_reported_as_corrupt_not_truncated()
    {
        using var dir = new TempDir();
        string path = dir.File("bad.json");
        File.WriteAllText(path, "{\"genome\": [1, 2,, 3]}");
        CheckpointException ex = Assert.Throws<CheckpointException>(() => SeedLoader.Load(path));
        Assert.StartsWith($"corrupt or unreadable file '{path}': ", ex.Message, StringComparison.Ordinal);
    }
}
