using Wnn.Experiments.Config.Overrides;

namespace Wnn.Experiments.Tests.Config.Overrides;

/// <summary>Python's repr(float) as Hydra writes floats; expected strings are CPython 3's repr of the same doubles.</summary>
public sealed class PythonFloatReprTests
{
    [Theory]
    [InlineData(1e-05, "1e-05")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00012345, "0.00012345")]
    [InlineData(1.5e-05, "1.5e-05")]
    [InlineData(0.7000000000000001, "0.7000000000000001")]
    [InlineData(0.30000000000000004, "0.30000000000000004")]
    [InlineData(1.0, "1.0")]
    [InlineData(-0.0, "-0.0")]
    [InlineData(0.0, "0.0")]
    [InlineData(10.0, "10.0")]
    [InlineData(3.14, "3.14")]
    [InlineData(-100.0, "-100.0")]
    [InlineData(1e15, "1000000000000000.0")]
    [InlineData(1e16, "1e+16")]
    [InlineData(1.5e16, "1.5e+16")]
    [InlineData(123456789012345678.0, "1.2345678901234568e+17")]
    [InlineData(1e100, "1e+100")]
    [InlineData(5e-324, "5e-324")]
    [InlineData(1.7976931348623157e308, "1.7976931348623157e+308")]
    [InlineData(double.PositiveInfinity, "inf")]
    [InlineData(double.NegativeInfinity, "-inf")]
    [InlineData(double.NaN, "nan")]
    [InlineData(2.0 / 3.0, "0.6666666666666666")]
    public void Repr_matches_CPython(double value, string expected) => Assert.Equal(expected, OverrideFormatter.FormatFloat(value));

    [Theory]
    [InlineData("1e-5")]
    [InlineData("0.7000000000000001")]
    [InlineData("1e+16")]
    [InlineData("-2.5e-300")]
    [InlineData("123.456")]
    public void Written_floats_parse_back_to_the_same_double(string text)
    {
        var first = (FloatElement)OverrideParser.ParseValue(text);
        var again = (FloatElement)OverrideParser.ParseValue(OverrideFormatter.Format(first));
        Assert.Equal(first.Value, again.Value);
    }

    [Fact]
    public void Random_doubles_round_trip_through_repr()
    {
        var random = new Random(42);
        for (int i = 0; i < 20_000; i++)
        {
            double d = BitConverter.Int64BitsToDouble(random.NextInt64());
            if (!double.IsFinite(d))
            {
                continue;
            }

            string repr = OverrideFormatter.FormatFloat(d);
            var parsed = Assert.IsType<FloatElement>(OverrideParser.ParseValue(repr));
            Assert.Equal(d, parsed.Value);
        }
    }
}
