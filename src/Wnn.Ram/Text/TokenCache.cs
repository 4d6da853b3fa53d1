using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Wnn.Ram.Text;

/// <summary>
/// Tokenized texts cached in binary files keyed by tokenizer name, vocabulary size and the SHA-256 of the text.
/// Layout (little-endian): magic "WNTK", int32 version, int32 name length + UTF-8 name, int32 vocabulary size,
/// 32-byte SHA-256 of the text, int32 count, count int32 tokens, then a 32-byte SHA-256 of everything before it.
/// Files are written atomically; a file that fails any check is ignored and rebuilt.
/// </summary>
public sealed class TokenCache
{
    /// <summary>Format version written in the header (2: GPT-2 pre-tokenization over code points; version-1 GPT-2 entries split astral letters differently).</summary>
    public const int Version = 2;

    private static readonly byte[] Magic = "WNTK"u8.ToArray();

    /// <summary>Caches files in <paramref name="directory"/> (created on first write).</summary>
    public TokenCache(string directory) => Directory = Path.GetFullPath(directory);

    /// <summary>The cache folder.</summary>
    public string Directory { get; }

    /// <summary>Returns the tokens of <paramref name="text"/>: from the cache when a valid entry exists, else encoded and stored.</summary>
    public int[] GetOrEncode(string text, ITokenizer tokenizer) => GetOrEncode(text, tokenizer, out _);

    /// <summary>As <see cref="GetOrEncode(string, ITokenizer)"/>; <paramref name="fromCache"/> tells whether the cache answered.</summary>
    public int[] GetOrEncode(string text, ITokenizer tokenizer, out bool fromCache)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(tokenizer);
        byte[] textHash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        string path = PathFor(tokenizer, textHash);
        if (TryRead(path, tokenizer, textHash, out int[]? cached))
        {
            fromCache = true;
            return cached;
        }

        int[] tokens = tokenizer.Encode(text);
        try
        {
            AtomicFile.Write(path, Serialize(tokenizer, textHash, tokens));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A cache that cannot be written only costs time: the tokens are still correct.
        }

        fromCache = false;
        return tokens;
    }

    /// <summary>The cache file of <paramref name="text"/> encoded by <paramref name="tokenizer"/>.</summary>
    public string PathFor(ITokenizer tokenizer, string text) =>
        PathFor(tokenizer, SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private string PathFor(ITokenizer tokenizer, byte[] textHash)
    {
        var safe = new StringBuilder(tokenizer.Name.Length);
        foreach (char c in tokenizer.Name)
        {
            safe.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_');
        }

        return Path.Combine(Directory, $"{safe}-v{tokenizer.VocabularySize}-{Convert.ToHexStringLower(textHash)[..16]}.tokens");
    }

    private static byte[] Serialize(ITokenizer tokenizer, byte[] textHash, int[] tokens)
    {
        byte[] name = Encoding.UTF8.GetBytes(tokenizer.Name);
        int headerLength = Magic.Length + 4 + 4 + name.Length + 4 + 32 + 4;
        var bytes = new byte[headerLength + (4L * tokens.Length) + 32];
        var writer = new SpanWriter(bytes);
        writer.Bytes(Magic);
        writer.Int(Version);
        writer.Int(name.Length);
        writer.Bytes(name);
        writer.Int(tokenizer.VocabularySize);
        writer.Bytes(textHash);
        writer.Int(tokens.Length);
        foreach (int token in tokens)
        {
            writer.Int(token);
        }

        SHA256.HashData(bytes.AsSpan(0, writer.Position), bytes.AsSpan(writer.Position, 32));
        return bytes;
    }

    private static bool TryRead(string path, ITokenizer tokenizer, byte[] textHash, out int[] tokens)
    {
        tokens = [];
        byte[] bytes;
        try
        {
            if (!File.Exists(path))
            {
                return false;
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }

        ReadOnlySpan<byte> span = bytes;
        byte[] name = Encoding.UTF8.GetBytes(tokenizer.Name);
        int pos = 0;
        if (!Take(span, ref pos, Magic.Length, out ReadOnlySpan<byte> magic) || !magic.SequenceEqual(Magic)
            || !TakeInt(span, ref pos, out int version) || version != Version
            || !TakeInt(span, ref pos, out int nameLength) || nameLength != name.Length
            || !Take(span, ref pos, nameLength, out ReadOnlySpan<byte> storedName) || !storedName.SequenceEqual(name)
            || !TakeInt(span, ref pos, out int vocabulary) || vocabulary != tokenizer.VocabularySize
            || !Take(span, ref pos, 32, out ReadOnlySpan<byte> storedHash) || !storedHash.SequenceEqual(textHash)
            || !TakeInt(span, ref pos, out int count) || count < 0
            || span.Length - pos != (4L * count) + 32)
        {
            return false;
        }

        Span<byte> check = stackalloc byte[32];
        int tokensEnd = pos + (4 * count);
        SHA256.HashData(span[..tokensEnd], check);
        if (!check.SequenceEqual(span[tokensEnd..]))
        {
            return false;
        }

        var result = new int[count];
        for (int i = 0; i < count; i++)
        {
            int token = BinaryPrimitives.ReadInt32LittleEndian(span.Slice(pos + (4 * i), 4));
            if ((uint)token >= (uint)vocabulary)
            {
                return false;
            }

            result[i] = token;
        }

        tokens = result;
        return true;
    }

    /// <summary>Reads the header of a cache file: tokenizer name, vocabulary size and token count; null when it is not one.</summary>
    public static (string Tokenizer, int VocabularySize, int Count)? ReadHeader(string path)
    {
        Span<byte> head = stackalloc byte[1024];
        int read;
        try
        {
            using FileStream stream = File.OpenRead(path);
            read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        ReadOnlySpan<byte> span = head[..read];
        int pos = 0;
        if (!Take(span, ref pos, Magic.Length, out ReadOnlySpan<byte> magic) || !magic.SequenceEqual(Magic)
            || !TakeInt(span, ref pos, out int version) || version != Version
            || !TakeInt(span, ref pos, out int nameLength)
            || !Take(span, ref pos, nameLength, out ReadOnlySpan<byte> name)
            || !TakeInt(span, ref pos, out int vocabulary)
            || !Take(span, ref pos, 32, out _)
            || !TakeInt(span, ref pos, out int count))
        {
            return null;
        }

        return (Encoding.UTF8.GetString(name), vocabulary, count);
    }

    private static bool Take(ReadOnlySpan<byte> span, ref int pos, int length, out ReadOnlySpan<byte> taken)
    {
        if (length < 0 || span.Length - pos < length)
        {
            taken = default;
            return false;
        }

        taken = span.Slice(pos, length);
        pos += length;
        return true;
    }

    private static bool TakeInt(ReadOnlySpan<byte> span, ref int pos, out int value)
    {
        value = 0;
        if (!Take(span, ref pos, 4, out ReadOnlySpan<byte> bytes))
        {
            return false;
        }

        value = BinaryPrimitives.ReadInt32LittleEndian(bytes);
        return true;
    }

    private ref struct SpanWriter(Span<byte> target)
    {
        private readonly Span<byte> target = target;

        public int Position { get; private set; }

        public void Bytes(ReadOnlySpan<byte> bytes)
        {
            bytes.CopyTo(target[Position..]);
            Position += bytes.Length;
        }

        public void Int(int value)
        {
            BinaryPrimitives.WriteInt32LittleEndian(target.Slice(Position, 4), value);
            Position += 4;
        }
    }
}
