using System.Globalization;
using Wnn.Storage;

namespace Wnn.Storage.Tests;

public sealed class StoredTimestampTests
{
    [Theory]
    [InlineData("2026-11-21 23:38:50.2083890", 2083890)]
    [InlineData("2026-11-21 23:38:50.208389", 2083890)]
    [InlineData("2026-11-21 23:38:50.5", 5000000)]
    [InlineData("2026-11-21 23:38:50", 0)]
    [InlineData("2026-11-21T23:38:50.0000001", 1)]
    public void Parses_the_layouts_sqlite_writes_as_utc(string text, long fractionTicks)
    {
        Assert.True(StoredTimestamp.TryParse(text, out DateTime parsed));

        Assert.Equal(new DateTime(2026, 11, 21, 23, 38, 50, DateTimeKind.Utc).AddTicks(fractionTicks), parsed);
        Assert.Equal(DateTimeKind.Utc, parsed.Kind);
    }

    [Fact]
    public void Agrees_with_the_general_parser_on_what_the_provider_writes()
    {
        var value = new DateTime(2024, 2, 29, 7, 5, 3, DateTimeKind.Utc).AddTicks(1234560);
        string written = value.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture);

        Assert.True(StoredTimestamp.TryParse(written, out DateTime parsed));
        Assert.Equal(value, parsed);
    }

    [Theory]
    [InlineData("2026-02-30 00:00:00")]
    [InlineData("2026-11-21 23:38:50.")]
    [InlineData("2026-11-21 23:38:50.12345678")]
    [InlineData("2026-11-21 23:38:50Z")]
    [InlineData("2026/11/21 23:38:50")]
    [InlineData("")]
    public void Rejects_other_text(string text) => Assert.False(StoredTimestamp.TryParse(text, out _));
}
