using System.IO.Compression;
using System.Text;
using Wnn.Ram.Text;

namespace Wnn.Ram.Tests.Text;

/// <summary>How corpus bytes become text (docs/data.md, "How a corpus file is read"): what is refused and what each line break does.</summary>
public sealed class CorpusBytesTests
{
    private static string Write(TempDirectory dir, string name, byte[] bytes)
    {
        string path = dir.Combine(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public static TheoryData<string, byte[], string> Binaries()
    {
        var random = new byte[4096];
        new Random(7).NextBytes(random);
        random[0] = 0xFF;
        byte[] elf = [0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0x3E, 0];
        using var gz = new MemoryStream();
        using (var z = new GZipStream(gz, CompressionLevel.Fastest, leaveOpen: true))
        {
            z.Write("{\"genome\": [1, 2, 3]}"u8);
        }

        byte[] utf16 = [0xFF, 0xFE, .. Encoding.Unicode.GetBytes("hello")];
        return new TheoryData<string, byte[], string>
        {
            { "elf", elf, "contains a NUL byte at byte 7 (a binary file?); expected UTF-8 text" },
            { "random", random, "is not UTF-8 text: invalid UTF-8 at byte 0 (a binary, compressed or UTF-16 file?); expected UTF-8 text" },
            { "json.gz", gz.ToArray(), "is not UTF-8 text: invalid UTF-8 at byte 1 (a binary, compressed or UTF-16 file?)" },
            { "utf16", utf16, "is not UTF-8 text: invalid UTF-8 at byte 0" },
            { "nul-in-text", "line one\nline\0two\n"u8.ToArray(), "contains a NUL byte at byte 13" },
            { "cut-sequence", [.. "caf"u8, 0xC3], "is not UTF-8 text: invalid UTF-8 at byte 3" },
        };
    }

    [Theory]
    [MemberData(nameof(Binaries))]
    public void A_file_that_is_not_utf8_text_is_refused_naming_the_byte(string name, byte[] bytes, string message)
    {
        using var dir = new TempDirectory();
        string path = Write(dir, name, bytes);
        foreach (CorpusFormat format in new[] { CorpusFormat.WikiText, CorpusFormat.Text, CorpusFormat.Brown })
        {
            DataException ex = Assert.Throws<DataException>(() => CorpusReader.ReadText(path, format));
            Assert.StartsWith($"corpus file '{path}' ", ex.Message, StringComparison.Ordinal);
            Assert.Contains(message, ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_utf8_byte_order_mark_is_dropped_and_only_at_the_start()
    {
        using var dir = new TempDirectory();
        string path = Write(dir, "bom.txt", [0xEF, 0xBB, 0xBF, .. "a\n\uFEFFb"u8]);
        Assert.Equal("a \uFEFFb", CorpusReader.ReadText(path, CorpusFormat.Text));
    }

    [Fact]
    public void Cr_lf_crlf_nel_ls_ps_and_form_feed_end_lines_and_blank_lines_are_dropped()
    {
        using var dir = new TempDirectory();
        string path = Write(dir, "breaks.txt", Encoding.UTF8.GetBytes("a\rb\nc\r\nd\u0085e\u2028f\u2029g\fh\v i\r\r\n \t\u00A0\u3000\nj\u000B\n"));
        // \v (vertical tab) is not a line break: it stays inside its line; the whitespace-only line is dropped.
        Assert.Equal("a b c d e f g h\v i j\u000B", CorpusReader.ReadText(path, CorpusFormat.WikiText));
    }
}
