using BenchmarkDotNet.Attributes;
using Wnn.Ram.Text;

namespace Wnn.Benchmarks.Text;

/// <summary>
/// GPT-2 encoding of WikiText-2 valid.txt (joined as in ram-lm.md, ~1.1 MB): with a warm piece cache (the tokenizer
/// has seen the text) and cold (a fresh tokenizer over already loaded ranks, so every distinct piece is merged).
/// Needs ../shared/data next to the repository root.
/// </summary>
[MemoryDiagnoser]
public class Gpt2EncodeBenchmarks
{
    private BpeRanks ranks = null!;
    private Gpt2Tokenizer warm = null!;
    private string text = null!;

    [GlobalSetup]
    public void Setup()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Wnn.slnx")))
        {
            dir = dir.Parent;
        }

        string data = Path.Combine(dir?.FullName ?? throw new InvalidOperationException("no Wnn.slnx above the benchmark"), "..", "shared", "data");
        ranks = BpeRanks.Load(Path.Combine(data, "tokenizers", "gpt2.tiktoken"));
        text = CorpusReader.ReadText(Path.Combine(data, "wikitext-2", "valid.txt"), CorpusFormat.WikiText);
        warm = new Gpt2Tokenizer(ranks);
        warm.Encode(text);
    }

    [Benchmark(Baseline = true)]
    public int WarmCache() => warm.Encode(text).Length;

    [Benchmark]
    public int ColdCache() => new Gpt2Tokenizer(ranks).Encode(text).Length;
}
