using Wnn.Experiments.Config.Overrides;

namespace Wnn.Experiments.Tests.Config.Overrides;

public sealed class FormatterTests
{
    [Theory]
    // tests/test_overrides_parser.py::test_escape_special_characters
    [InlineData("abc", "abc")]
    [InlineData("\\", "\\\\")]
    [InlineData("\\\\\\", "\\\\\\\\\\\\")]
    [InlineData("()", "\\(\\)")]
    [InlineData("[]", "\\[\\]")]
    [InlineData("{}", "\\{\\}")]
    [InlineData(":=,", "\\:\\=\\,")]
    [InlineData("  \t", "\\ \\ \\\t")]
    [InlineData("ab\\(cd{ef}[gh]): ij,kl\t", "ab\\\\\\(cd\\{ef\\}\\[gh\\]\\)\\:\\ ij\\,kl\\\t")]
    public void Special_characters_are_escaped_as_Hydra_does(string text, string expected) =>
        Assert.Equal(expected, OverrideFormatter.EscapeSpecialCharacters(text));

    [Theory]
    // tests/test_overrides_parser.py::test_primitive_quoted_string: parsing then with_quotes() gives the input back
    [InlineData(@"'foo \'bar'")]
    [InlineData(@"""foo \""bar""")]
    [InlineData(@"'foo \\\'bar'")]
    [InlineData(@"'foo\bar'")]
    [InlineData(@"'foo\\bar'")]
    [InlineData(@"'foo\\\\bar'")]
    [InlineData(@"'foo bar\\'")]
    [InlineData(@"'foo \\\\\'bar\' \\\\\\'")]
    [InlineData("'\t []{},=+~'")]
    [InlineData(@"'a \${b}'")]
    [InlineData(@"'a \'\${b}\''")]
    [InlineData(@"'a \\${b}'")]
    [InlineData(@"'a \'\\${b}\''")]
    [InlineData(@"'a \\\'${b}\\\''")]
    [InlineData(@"'${foo:\'b,a,r\'}'")]
    [InlineData(@"'${foo:${a}, \'\${bar}\\\'\', {x: ""${y}""}}'")]
    [InlineData(@"""[1,'2',3]""")]
    [InlineData("''")]
    [InlineData(@"'\\'")]
    public void Quoted_strings_round_trip(string quoted)
    {
        var q = Assert.IsType<QuotedStringElement>(OverrideParser.ParseValue(quoted));
        Assert.Equal(quoted, OverrideFormatter.Format(q));
    }

    [Theory]
    // tests/test_overrides_parser.py::test_primitive_quoted_string: the unescaped text
    [InlineData(@"'foo \\\'bar'", @"foo \'bar")]
    [InlineData(@"'foo bar\\'", @"foo bar\")]
    [InlineData(@"'foo \\\\\'bar\' \\\\\\'", @"foo \\'bar' \\\")]
    [InlineData(@"'a \'\${b}\''", @"a '\${b}'")]
    [InlineData(@"'${foo:""\' }""}'", @"${foo:""' }""}")]
    public void Quoted_strings_unescape_as_Hydra_does(string quoted, string text) =>
        Assert.Equal(text, Assert.IsType<QuotedStringElement>(OverrideParser.ParseValue(quoted)).Text);

    [Fact]
    public void Space_after_separator_formats_as_Hydras_option()
    {
        // tests/test_overrides_parser.py::test_override_get_value_element_method (space_after_sep=True)
        Assert.Equal("{a: 10, b: [1, 2, 3]}", OverrideFormatter.Format(OverrideParser.Parse("key={a:10,b:[1,2,3]}").Element!, spaceAfterSeparator: true));
        Assert.Equal("['a b', 2, 3]", OverrideFormatter.Format(OverrideParser.Parse("key=['a b', 2, 3]").Element!, spaceAfterSeparator: true));
    }
}
