using System.Diagnostics;
using System.Text;
using Wnn.Experiments.Config.Overrides;

namespace Wnn.Experiments.Tests.Config.Overrides;

/// <summary>Random and mutated overrides (fixed seeds, bounded by iteration count): the parser only ever throws its own error and always returns.</summary>
public sealed class OverrideParserFuzzTests
{
    private const string Alphabet = "ab1_-.$/@:=+~,()[]{}'\"\\ \t${}*?|%0eE9nulltrueinfnan";

    private static readonly string[] Seeds =
    [
        "a=1,2", "+db@pkg=mysql", "~x", "++a.b.c=[1,{k: v},'q']", "x=range(0,1,0.1)", "x=tag(log,interval(1e-5,1e-1))",
        "x=sort(choice(3,1,2),reverse=true)", "x=shuffle(list=[1,2,3])", "x=glob([a*,b*],exclude=c*)", "x=int(float(str(1)))",
        @"x='a \'b\' c\\'", "x=\"${oc.env:USER,me}\"", @"dir=job\{a\=1\,b\=2\}", "x=str(1,2,3)", "key={a:10,b:{c:[1,2]}}",
        "x=range(start=1,stop=10,step=2)", "server/db=mysql", "x=1_000,inf,-inf,nan,null,True", "x=${a.b}_${c}",
    ];

    [Fact]
    public void Random_strings_only_raise_OverrideParseException()
    {
        var random = new Random(1234);
        var sb = new StringBuilder();
        for (int i = 0; i < 30_000; i++)
        {
            sb.Clear();
            int length = random.Next(0, 24);
            for (int k = 0; k < length; k++)
            {
                sb.Append(random.Next(10) == 0 ? (char)random.Next(0, 0x3000) : Alphabet[random.Next(Alphabet.Length)]);
            }

            ParseAndPlan(sb.ToString());
        }
    }

    [Fact]
    public void Mutated_valid_overrides_only_raise_OverrideParseException()
    {
        var random = new Random(99);
        int parsedOk = 0;
        for (int i = 0; i < 40_000; i++)
        {
            char[] text = Seeds[random.Next(Seeds.Length)].ToCharArray();
            var list = new List<char>(text);
            int mutations = random.Next(1, 4);
            for (int m = 0; m < mutations; m++)
            {
                int at = list.Count == 0 ? 0 : random.Next(list.Count);
                switch (random.Next(3))
                {
                    case 0 when list.Count > 0:
                        list.RemoveAt(at);
                        break;
                    case 1:
                        list.Insert(at, Alphabet[random.Next(Alphabet.Length)]);
                        break;
                    default:
                        if (list.Count > 0)
                        {
                            list[at] = Alphabet[random.Next(Alphabet.Length)];
                        }

                        break;
                }
            }

            parsedOk += ParseAndPlan(new string([.. list])) ? 1 : 0;
        }

        // The mutations must leave a fair share valid, or the test would only exercise error paths.
        Assert.InRange(parsedOk, 2_000, 39_000);
    }

    [Fact]
    public void Deep_nesting_and_long_inputs_finish()
    {
        ParseAndPlan("x=" + new string('[', 2_000) + new string(']', 2_000));
        ParseAndPlan("x=" + string.Join(',', Enumerable.Range(0, 5_000)));
        ParseAndPlan("x='" + new string('\\', 10_001) + "'");
        ParseAndPlan("x=" + string.Concat(Enumerable.Repeat("int(", 500)) + "1" + new string(')', 500));
        Assert.Throws<OverrideParseException>(() => OverrideParser.Parse("x=" + new string('[', 200_000) + new string(']', 200_000)));
        Assert.Throws<OverrideParseException>(() => OverrideParser.Parse("x=" + string.Concat(Enumerable.Repeat("str(", 100_000))));
    }

    // True if the override parsed; any exception other than the library's own errors fails the test.
    private static bool ParseAndPlan(string text)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            Override o = OverrideParser.Parse(text, shuffleSeed: 7);
            if (o.IsSweep)
            {
                _ = BasicSweepPlanner.Plan([], [text], new SweepPlanOptions { MaxJobs = 1_000, GroupOptions = _ => ["alpha", "beta"] });
            }
            else
            {
                _ = o.Format();
                if (o.Element is OverrideElement e)
                {
                    RoundTrip(e);
                }
            }

            return true;
        }
        catch (OverrideParseException e)
        {
            Assert.InRange(e.Column, 1, text.Length + 1);
            return false;
        }
        catch (SweepPlanException)
        {
            return true;
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
        {
            Assert.Fail($"'{text}' threw {e.GetType().Name}: {e.Message}");
            return false;
        }
        finally
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"'{text}' took {watch.Elapsed}");
        }
    }

    // What Hydra writes reads back to the same text, except where Hydra's writing loses information too (a string that
    // looks like a number reads back typed; a non-ASCII unquoted string, e.g. from choice('é'), does not lex unquoted).
    private static void RoundTrip(OverrideElement e)
    {
        string written = OverrideFormatter.Format(e);
        if (written.Length == 0)
        {
            return;
        }

        try
        {
            OverrideValue back = OverrideParser.ParseValue(written);
            Assert.Equal(written, OverrideFormatter.Format(Assert.IsAssignableFrom<OverrideElement>(back)));
        }
        catch (OverrideParseException) when (written.Any(c => c > 127))
        {
        }
    }
}
