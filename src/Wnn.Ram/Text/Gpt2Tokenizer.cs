using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text;

namespace Wnn.Ram.Text;

/// <summary>
/// GPT-2 byte-level BPE: text is split by the GPT-2 pre-tokenization pattern, every piece's UTF-8 bytes are merged
/// pair by pair in rank order, and the resulting byte sequences are the token ids. The end-of-text token is the id
/// after the last rank (50256 for GPT-2). The literal text <c>&lt;|endoftext|&gt;</c> in the input is encoded as
/// ordinary text (like tiktoken's <c>encode_ordinary</c>), never as the special token.
/// </summary>
public sealed class Gpt2Tokenizer : ITokenizer
{
    /// <summary>The pre-tokenization pattern of GPT-2, matched over code points by <see cref="Gpt2PreTokenizer"/> (as tiktoken does).</summary>
    public const string Pattern = @"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+";

    /// <summary>Text of the end-of-text special token.</summary>
    public const string EndOfTextText = "<|endoftext|>";

    // Pieces are short and repeat (words); beyond this many cached pieces new ones are merged without caching.
    private const int MaxCachedPieces = 1 << 18;

    private readonly BpeRanks ranks;
    private readonly Dictionary<byte[], int>.AlternateLookup<ReadOnlySpan<byte>> rankOf;
    private readonly ConcurrentDictionary<string, int[]> pieceCache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> cachedPiece;
    private int cachedPieces;

    /// <summary>Creates the tokenizer over <paramref name="ranks"/>; the end-of-text id is <c>ranks.Count</c>.</summary>
    public Gpt2Tokenizer(BpeRanks ranks)
    {
        ArgumentNullException.ThrowIfNull(ranks);
        this.ranks = ranks;
        var dictionary = new Dictionary<byte[], int>(ranks.Count, ByteSequenceComparer.Instance);
        for (int rank = 0; rank < ranks.Count; rank++)
        {
            dictionary.Add(ranks.TokenBytes[rank], rank);
        }

        rankOf = dictionary.GetAlternateLookup<ReadOnlySpan<byte>>();
        cachedPiece = pieceCache.GetAlternateLookup<ReadOnlySpan<char>>();
        string sha = ranks.Sha256();
        Name = sha == BpeRanks.Gpt2Sha256 ? "gpt2" : $"bpe-{sha[..12]}";
    }

    /// <summary>"gpt2" for the standard GPT-2 ranks, otherwise "bpe-" and the start of the ranks' SHA-256.</summary>
    public string Name { get; }

    /// <summary>Ranks + 1 (the end-of-text token): 50,257 for GPT-2.</summary>
    public int VocabularySize => ranks.Count + 1;

    /// <summary>The id after the last rank: 50256 for GPT-2.</summary>
    public int? EndOfText => ranks.Count;

    /// <summary>The merge ranks.</summary>
    public BpeRanks Ranks => ranks;

    /// <summary>Loads the ranks from a tiktoken file or js-tiktoken's compact module (see <see cref="BpeRanks.Load"/>).</summary>
    public static Gpt2Tokenizer Load(string path) => new(BpeRanks.Load(path));

    /// <inheritdoc />
    public int[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var output = new List<int>(text.Length / 3);
        byte[] scratch = ArrayPool<byte>.Shared.Rent(256);
        try
        {
            for (int at = 0, length = 0; at < text.Length; at += length)
            {
                length = Gpt2PreTokenizer.PieceLength(text, at);
                ReadOnlySpan<char> piece = text.AsSpan(at, length);
                if (cachedPiece.TryGetValue(piece, out int[]? ids))
                {
                    output.AddRange(ids);
                    continue;
                }

                int byteCount = Encoding.UTF8.GetMaxByteCount(piece.Length);
                if (scratch.Length < byteCount)
                {
                    ArrayPool<byte>.Shared.Return(scratch);
                    scratch = ArrayPool<byte>.Shared.Rent(byteCount);
                }

                int bytes = Encoding.UTF8.GetBytes(piece, scratch);
                ids = MergePiece(scratch.AsSpan(0, bytes));
                // ConcurrentDictionary.Count takes every lock: keep a separate counter.
                if (Volatile.Read(ref cachedPieces) < MaxCachedPieces && cachedPiece.TryAdd(piece, ids))
                {
                    Interlocked.Increment(ref cachedPieces);
                }

                output.AddRange(ids);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }

        return output.ToArray();
    }

    /// <inheritdoc />
    public string Decode(ReadOnlySpan<int> tokens)
    {
        var bytes = new List<byte>(tokens.Length * 4);
        foreach (int id in tokens)
        {
            if (id == ranks.Count)
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(EndOfTextText));
            }
            else if ((uint)id < (uint)ranks.Count)
            {
                bytes.AddRange(ranks.TokenBytes[id]);
            }
            else
            {
                throw new ArgumentOutOfRangeException(nameof(tokens), id, $"token id must be in [0, {VocabularySize})");
            }
        }

        return Encoding.UTF8.GetString(CollectionsMarshal.AsSpan(bytes));
    }

    /// <summary>
    /// Byte-pair merging of one piece: repeatedly merges the adjacent pair whose joined bytes have the lowest rank.
    /// </summary>
    internal int[] MergePiece(ReadOnlySpan<byte> piece)
    {
        if (rankOf.TryGetValue(piece, out int whole))
        {
            return [whole];
        }

        int n = piece.Length;
        int[]? rented = null;
        Span<int> buffer = n <= 128 ? stackalloc int[2 * (n + 1)] : (rented = ArrayPool<int>.Shared.Rent(2 * (n + 1)));
        try
        {
            // start[i] is where part i begins (start[count] = n); pair[i] is the rank of parts i and i+1 joined.
            Span<int> start = buffer[..(n + 1)];
            Span<int> pair = buffer.Slice(n + 1, n);
            int count = n;
            for (int i = 0; i <= n; i++)
            {
                start[i] = i;
            }

            for (int i = 0; i < count - 1; i++)
            {
                pair[i] = RankOf(piece, start[i], start[i + 2]);
            }

            while (count > 1)
            {
                int best = -1;
                int bestRank = int.MaxValue;
                for (int i = 0; i < count - 1; i++)
                {
                    if (pair[i] < bestRank)
                    {
                        bestRank = pair[i];
                        best = i;
                    }
                }

                if (best < 0)
                {
                    break;
                }

                // Part best absorbs part best+1.
                start[(best + 2)..(count + 1)].CopyTo(start[(best + 1)..]);
                pair[(best + 1)..(count - 1)].CopyTo(pair[best..]);
                count--;
                if (best < count - 1)
                {
                    pair[best] = RankOf(piece, start[best], start[best + 2]);
                }

                if (best > 0)
                {
                    pair[best - 1] = RankOf(piece, start[best - 1], start[best + 1]);
                }
            }

            var ids = new int[count];
            for (int i = 0; i < count; i++)
            {
                if (!rankOf.TryGetValue(piece[start[i]..start[i + 1]], out ids[i]))
                {
                    throw new InvalidOperationException(
                        $"byte sequence {Convert.ToHexString(piece[start[i]..start[i + 1]])} has no rank; the rank file lacks single bytes");
                }
            }

            return ids;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<int>.Shared.Return(rented);
            }
        }
    }

    private int RankOf(ReadOnlySpan<byte> piece, int from, int to) =>
        rankOf.TryGetValue(piece[from..to], out int rank) ? rank : int.MaxValue;
}
