using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Wnn.Ram.Text;

/// <summary>
/// Byte-level BPE merge ranks: the bytes of every token, indexed by rank (= token id). Reads the standard tiktoken
/// text format and the compact form shipped in the npm package js-tiktoken.
/// </summary>
public sealed class BpeRanks
{
    /// <summary>SHA-256 of the standard GPT-2 (r50k_base) rank file in tiktoken format.</summary>
    public const string Gpt2Sha256 = "306cd27f03c1a714eca7108e03d66b7dc042abe8c258b44c199a7ed9838dd930";

    private BpeRanks(byte[][] tokens) => TokenBytes = tokens;

    /// <summary>Number of ranks.</summary>
    public int Count => TokenBytes.Length;

    /// <summary>Bytes of every token, by rank. Ranks are dense: 0 .. Count-1. Callers must not modify them.</summary>
    internal byte[][] TokenBytes { get; }

    /// <summary>The bytes of the token of rank <paramref name="rank"/>.</summary>
    public ReadOnlySpan<byte> this[int rank] => TokenBytes[rank];

    /// <summary>Reads a rank file, detecting its format: js-tiktoken's compact module or tiktoken text.</summary>
    public static BpeRanks Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new DataException(
                $"tokenizer file '{path}' does not exist; accepted: a tiktoken rank file (gpt2.tiktoken, 'base64 rank' lines) "
                + "or js-tiktoken's dist/ranks/gpt2.js");
        }

        string text = File.ReadAllText(path, Encoding.UTF8);
        try
        {
            return text.Contains("\"bpe_ranks\"", StringComparison.Ordinal) ? ParseCompact(text) : ParseTiktoken(text);
        }
        catch (FormatException ex)
        {
            throw new DataException($"tokenizer file '{path}' is not a valid rank file: {ex.Message}", ex);
        }
    }

    /// <summary>Parses the tiktoken text format: one line per token, <c>base64(bytes) rank</c>.</summary>
    public static BpeRanks ParseTiktoken(string text)
    {
        var byRank = new Dictionary<int, byte[]>();
        int lineNumber = 0;
        foreach (ReadOnlySpan<char> raw in text.AsSpan().EnumerateLines())
        {
            lineNumber++;
            ReadOnlySpan<char> line = raw.Trim();
            if (line.IsEmpty)
            {
                continue;
            }

            int space = line.IndexOf(' ');
            if (space <= 0 || !int.TryParse(line[(space + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int rank))
            {
                throw new FormatException($"line {lineNumber}: expected 'base64 rank'");
            }

            Add(byRank, rank, Base64(line[..space], lineNumber));
        }

        return FromDictionary(byRank);
    }

    /// <summary>
    /// Parses js-tiktoken's compact rank module (<c>export default {"bpe_ranks":"! 0 IQ== Ig== …\n! 300 …", …}</c>): lines of
    /// <c>! first-rank base64 base64 …</c> whose tokens take consecutive ranks.
    /// </summary>
    public static BpeRanks ParseCompact(string module)
    {
        int open = module.IndexOf('{', StringComparison.Ordinal);
        int close = module.LastIndexOf('}');
        if (open < 0 || close < open)
        {
            throw new FormatException("no object literal found in the module");
        }

        string ranks;
        try
        {
            using JsonDocument doc = JsonDocument.Parse(module.AsMemory(open, close - open + 1));
            if (!doc.RootElement.TryGetProperty("bpe_ranks", out JsonElement element) || element.ValueKind != JsonValueKind.String)
            {
                throw new FormatException("the object has no string property 'bpe_ranks'");
            }

            ranks = element.GetString()!;
        }
        catch (JsonException ex)
        {
            throw new FormatException($"the object literal is not JSON: {ex.Message}", ex);
        }

        var byRank = new Dictionary<int, byte[]>();
        int lineNumber = 0;
        foreach (ReadOnlySpan<char> line in ranks.AsSpan().EnumerateLines())
        {
            lineNumber++;
            if (line.IsWhiteSpace())
            {
                continue;
            }

            int field = 0;
            int rank = 0;
            foreach (Range range in line.Split(' '))
            {
                ReadOnlySpan<char> part = line[range];
                if (part.IsEmpty)
                {
                    continue;
                }

                if (field == 1 && !int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out rank))
                {
                    throw new FormatException($"group {lineNumber}: first rank '{part}' is not a number");
                }

                if (field >= 2)
                {
                    Add(byRank, rank++, Base64(part, lineNumber));
                }

                field++;
            }

            if (field < 2)
            {
                throw new FormatException($"group {lineNumber}: expected '! first-rank base64 …'");
            }
        }

        return FromDictionary(byRank);
    }

    /// <summary>Writes the ranks in tiktoken text format (<c>base64 rank\n</c> per token, rank order), UTF-8 bytes.</summary>
    public byte[] ToTiktoken()
    {
        var builder = new StringBuilder(Count * 16);
        for (int rank = 0; rank < TokenBytes.Length; rank++)
        {
            builder.Append(Convert.ToBase64String(TokenBytes[rank])).Append(' ').Append(rank.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    /// <summary>Lower-case hex SHA-256 of <see cref="ToTiktoken"/>: identifies the rank set.</summary>
    public string Sha256() => Convert.ToHexStringLower(SHA256.HashData(ToTiktoken()));

    private static byte[] Base64(ReadOnlySpan<char> text, int lineNumber)
    {
        var bytes = new byte[(text.Length * 3 / 4) + 3];
        if (!Convert.TryFromBase64Chars(text, bytes, out int written))
        {
            throw new FormatException($"line {lineNumber}: '{text}' is not base64");
        }

        return bytes.AsSpan(0, written).ToArray();
    }

    private static void Add(Dictionary<int, byte[]> byRank, int rank, byte[] bytes)
    {
        if (!byRank.TryAdd(rank, bytes))
        {
            throw new FormatException($"rank {rank} appears twice");
        }
    }

    private static BpeRanks FromDictionary(Dictionary<int, byte[]> byRank)
    {
        if (byRank.Count == 0)
        {
            throw new FormatException("no ranks");
        }

        var tokens = new byte[byRank.Count][];
        foreach ((int rank, byte[] bytes) in byRank)
        {
            if ((uint)rank >= (uint)tokens.Length)
            {
                throw new FormatException($"ranks must be 0 .. {tokens.Length - 1} without gaps; found {rank}");
            }

            tokens[rank] = bytes;
        }

        var seen = new HashSet<byte[]>(ByteSequenceComparer.Instance);
        foreach (byte[] bytes in tokens)
        {
            if (bytes.Length == 0 || !seen.Add(bytes))
            {
                throw new FormatException($"token '{Convert.ToBase64String(bytes)}' is empty or appears twice");
            }
        }

        return new BpeRanks(tokens);
    }
}
