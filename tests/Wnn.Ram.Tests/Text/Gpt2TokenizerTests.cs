using System.Diagnostics;
using System.Text.Json;
using Wnn.Ram.Text;

namespace Wnn.Ram.Tests.Text;

public sealed class Gpt2TokenizerTests
{
    private static readonly Lazy<Gpt2Tokenizer> Tokenizer = new(() => Gpt2Tokenizer.Load(SharedData.Gpt2RankFile));

    public static TheoryData<string, int[]> Vectors()
    {
        var data = new TheoryData<string, int[]>();
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(SharedData.Gpt2Vectors));
        foreach (JsonElement vector in doc.RootElement.EnumerateArray())
        {
            data.Add(vector.GetProperty("text").GetString()!, vector.GetProperty("ids").EnumerateArray().Select(e => e.GetInt32()).ToArray());
        }

        return data;
    }

    [Fact]
    public void The_vector_file_has_all_thirteen_vectors()
    {
        Assert.Equal(13, Vectors().Count);
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Encodes_every_reference_vector_exactly(string text, int[] ids)
    {
        Assert.Equal(ids, Tokenizer.Value.Encode(text));
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Decoding_a_reference_vector_gives_back_its_text(string text, int[] ids)
    {
        Assert.Equal(text, Tokenizer.Value.Decode(ids));
    }

    [Fact]
    public void The_standard_rank_file_is_gpt2_with_50257_tokens_and_end_of_text_50256()
    {
        Gpt2Tokenizer tokenizer = Tokenizer.Value;
        Assert.Equal("gpt2", tokenizer.Name);
        Assert.Equal(50257, tokenizer.VocabularySize);
        Assert.Equal(50256, tokenizer.EndOfText);
        Assert.Equal(50256, tokenizer.Ranks.Count);
        Assert.Equal("<|endoftext|>", tokenizer.Decode([50256]));
    }

    [Fact]
    public void End_of_text_written_in_the_input_is_encoded_as_ordinary_text()
    {
        int[] ids = Tokenizer.Value.Encode("a<|endoftext|>");
        Assert.DoesNotContain(50256, ids);
        Assert.Equal("a<|endoftext|>", Tokenizer.Value.Decode(ids));
    }

    [Fact]
    public void Encoding_twice_gives_the_same_ids_from_the_piece_cache()
    {
        const string text = "The quick brown fox jumps over the lazy dog.";
        Assert.Equal(Tokenizer.Value.Encode(text), Tokenizer.Value.Encode(text));
    }
}
