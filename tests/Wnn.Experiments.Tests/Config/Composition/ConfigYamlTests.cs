using Wnn.Experiments.Config.Composition;

namespace Wnn.Experiments.Tests.Config.Composition;

/// <summary>YAML typing as OmegaConf loads it (PyYAML SafeLoader, YAML 1.1, plus OmegaConf's float rule) and writing
/// as OmegaConf's to_yaml does.</summary>
public sealed class ConfigYamlTests
{
    [Theory]
    [InlineData("1e-3", 0.001)]
    [InlineData("1e3", 1000.0)]
    [InlineData("1.5E-2", 0.015)]
    [InlineData("1.", 1.0)]
    [InlineData(".5", 0.5)]
    [InlineData("-2.5", -2.5)]
    [InlineData("1_000.5", 1000.5)]
    [InlineData("+.inf", double.PositiveInfinity)]
    [InlineData("-.inf", double.NegativeInfinity)]
    public void Floats_follow_omegaconfs_resolver(string text, double expected) =>
        Assert.Equal(expected, Scalar(text));

    [Theory]
    [InlineData("42", 42L)]
    [InlineData("-7", -7L)]
    [InlineData("+12", 12L)]
    [InlineData("1_000", 1000L)]
    [InlineData("0777", 511L)]
    [InlineData("0x1F", 31L)]
    [InlineData("0b101", 5L)]
    [InlineData("1:30", 90L)]
    [InlineData("0", 0L)]
    public void Ints_follow_yaml_1_1(string text, long expected) => Assert.Equal(expected, Scalar(text));

    [Theory]
    [InlineData("true", true)]
    [InlineData("False", false)]
    [InlineData("yes", true)]
    [InlineData("NO", false)]
    [InlineData("on", true)]
    [InlineData("Off", false)]
    public void Bools_include_yaml_1_1_words(string text, bool expected) => Assert.Equal(expected, Scalar(text));

    [Theory]
    [InlineData("~")]
    [InlineData("null")]
    [InlineData("NULL")]
    [InlineData("")]
    public void Nulls(string text) => Assert.Null(Scalar(text));

    [Theory]
    [InlineData("'1e-3'", "1e-3")]
    [InlineData("\"yes\"", "yes")]
    [InlineData("2025-10-31", "2025-10-31")]
    [InlineData("y", "y")]
    [InlineData("!!str 5", "5")]
    [InlineData("1e", "1e")]
    [InlineData("0x", "0x")]
    [InlineData("???", "???")]
    [InlineData("none,linear,vq", "none,linear,vq")]
    public void Strings_stay_strings(string text, string expected) => Assert.Equal(expected, Scalar(text));

    [Fact]
    public void Explicit_tags_convert_or_fail()
    {
        Assert.Equal(5.0, Scalar("!!float 5"));
        Assert.Equal(5L, Scalar("!!int '5'"));
        var ex = Assert.Throws<ConfigCompositionException>(() => Scalar("!!int abc"));
        Assert.Equal("test.yaml: line 1: 'abc' is not a valid !!int", ex.Message);
        ex = Assert.Throws<ConfigCompositionException>(() => Scalar("!custom x"));
        Assert.StartsWith("test.yaml: line 1: unsupported YAML tag '!custom'", ex.Message);
    }

    [Fact]
    public void Duplicate_keys_and_bad_yaml_name_the_file_and_line()
    {
        var ex = Assert.Throws<ConfigCompositionException>(() => ConfigYaml.Parse("a: 1\nb:\n  c: 1\n  c: 2\n", "x.yaml"));
        Assert.Contains("x.yaml", ex.Message, StringComparison.Ordinal);
        Assert.Contains("line", ex.Message, StringComparison.Ordinal);
        ex = Assert.Throws<ConfigCompositionException>(() => ConfigYaml.Parse("a: [1, 2\n", "y.yaml"));
        Assert.StartsWith("y.yaml: invalid YAML at line", ex.Message);
        ex = Assert.Throws<ConfigCompositionException>(() => ConfigYaml.Parse("a: 99999999999999999999\n", "z.yaml"));
        Assert.Equal("z.yaml: line 1: integer '99999999999999999999' does not fit in 64 bits", ex.Message);
    }

    [Fact]
    public void Anchors_aliases_and_merge_keys_read_as_pyyaml_does()
    {
        var node = ConfigYaml.Parse("""
            a: &a {x: 1, y: 2}
            b: &b {y: 20, z: 30}
            alias: *a
            one:
              w: 0
              <<: *a
              y: 3
            two:
              <<: [*a, *b]
            """, "m.yaml");
        Assert.Equal(Compose.Yaml("""
            a:
              x: 1
              y: 2
            b:
              y: 20
              z: 30
            alias:
              x: 1
              y: 2
            one:
              x: 1
              y: 3
              w: 0
            two:
              y: 2
              z: 30
              x: 1
            """), ConfigYaml.Write(node));
        var ex = Assert.Throws<ConfigCompositionException>(() => ConfigYaml.Parse("a:\n  <<: 5\n", "bad.yaml"));
        Assert.Equal("bad.yaml: line 2: a merge key '<<' takes a mapping or a list of mappings", ex.Message);
    }

    [Fact]
    public void Key_order_is_kept()
    {
        var node = (ConfigMapping)ConfigYaml.Parse("z: 1\na: 2\nm:\n  y: 3\n  b: 4\n", "t.yaml");
        Assert.Equal(["z", "a", "m"], node.Keys);
        Assert.Equal(["y", "b"], ((ConfigMapping)node["m"]).Keys);
    }

    [Fact]
    public void Writing_quotes_strings_that_would_read_back_as_other_types()
    {
        var map = ConfigMapping.FromPairs([
            ("s_float", new ConfigScalar("1e-3")),
            ("s_bool", new ConfigScalar("yes")),
            ("s_null", new ConfigScalar("null")),
            ("s_int", new ConfigScalar("0777")),
            ("s_empty", new ConfigScalar("")),
            ("plain", new ConfigScalar("hello world")),
            ("colon", new ConfigScalar("a: b")),
            ("f_small", new ConfigScalar(1e-5)),
            ("f_third", new ConfigScalar(0.1 * 7)),
            ("f_whole", new ConfigScalar(100.0)),
            ("f_big", new ConfigScalar(1e16)),
            ("f_inf", new ConfigScalar(double.NegativeInfinity)),
            ("f_nan", new ConfigScalar(double.NaN)),
            ("i", new ConfigScalar(-3L)),
            ("b", new ConfigScalar(true)),
            ("n", ConfigScalar.Null),
            ("empty_map", new ConfigMapping()),
            ("empty_list", new ConfigSequence()),
            ("list", new ConfigSequence([new ConfigScalar(1L), ConfigMapping.FromPairs([("k", new ConfigScalar("v"))])])),
        ]);
        string yaml = ConfigYaml.Write(map);
        Assert.Equal(Compose.Yaml("""
            s_float: '1e-3'
            s_bool: 'yes'
            s_null: 'null'
            s_int: '0777'
            s_empty: ''
            plain: hello world
            colon: 'a: b'
            f_small: 1.0e-05
            f_third: 0.7000000000000001
            f_whole: 100.0
            f_big: 1.0e+16
            f_inf: -.inf
            f_nan: .nan
            i: -3
            b: true
            n: null
            empty_map: {}
            empty_list: []
            list:
            - 1
            - k: v
            """), yaml);

        // What is written reads back as the same tree.
        var back = (ConfigMapping)ConfigYaml.Parse(yaml, "back.yaml");
        foreach (var (key, value) in map.Entries)
        {
            object? expected = value.ToPlainObject();
            object? actual = back[key].ToPlainObject();
            if (expected is double d && double.IsNaN(d))
            {
                Assert.True(actual is double a && double.IsNaN(a));
            }
            else
            {
                Assert.Equal(expected, actual);
            }
        }
    }

    [Theory]
    [InlineData(1e-5, "1e-05")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(1e16, "1e+16")]
    [InlineData(1e15, "1000000000000000.0")]
    [InlineData(123.456, "123.456")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(0.0, "0.0")]
    [InlineData(5e-324, "5e-324")]
    [InlineData(1.7976931348623157e308, "1.7976931348623157e+308")]
    [InlineData(0.30000000000000004, "0.30000000000000004")]
    public void Floats_print_as_python_repr(double value, string expected) => Assert.Equal(expected, new ConfigScalar(value).ToString());

    private static object? Scalar(string yaml) => ((ConfigScalar)((ConfigMapping)ConfigYaml.Parse("v: " + yaml + "\n", "test.yaml"))["v"]).Value;
}
