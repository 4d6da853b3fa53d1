using System.Text;
using Wnn.Experiments.Config.Composition;

namespace Wnn.Experiments.Tests.Config.Composition;

/// <summary>Random and mutated input (interpolations, overrides, YAML) never fails with anything but
/// <see cref="ConfigCompositionException"/>.</summary>
public sealed class CompositionFuzzTests
{
    private const string Alphabet = "${}.:,'\"\\[]ab01 ~+=@/?-_%Ynowc";

    private static readonly string[] Seeds =
    [
        "${a}", "${.a}", "${..b}", "x_${now:%Y}", "${oc.env:HOME,1}", "${oc.select:a,2}", "${hydra:job.name}", "${a.${b}}",
        "\\${a}", "${sizes[0]}", "${nope}", "${}", "${oc.env:}", "${now:%Q}", "${a:}", "${{}}",
    ];

    [Fact]
    public void Random_interpolations_resolve_or_fail_with_a_composition_error()
    {
        var random = new Random(20251031);
        for (int i = 0; i < 1500; i++)
        {
            string text = i % 2 == 0 ? RandomText(random, random.Next(1, 24)) : Mutate(random, Seeds[random.Next(Seeds.Length)]);
            var composer = new ConfigComposer(null);
            var overrides = new[]
            {
                new ConfigOverride(ConfigOverrideKind.Value, ConfigOverrideOperation.Add, "a", null, 1L),
                new ConfigOverride(ConfigOverrideKind.Value, ConfigOverrideOperation.Add, "b", null, "a"),
                new ConfigOverride(ConfigOverrideKind.Value, ConfigOverrideOperation.Add, "sizes", null, new List<object?> { 1L, 2L }),
                new ConfigOverride(ConfigOverrideKind.Value, ConfigOverrideOperation.Add, "x", null, text),
            };
            Exception? ex = Record.Exception(() => composer.Compose(null, overrides, Compose.Context()).Resolve());
            Assert.True(ex is null or ConfigCompositionException, $"'{text}': {ex}");
        }
    }

    [Fact]
    public void Random_overrides_compose_or_fail_with_a_composition_error()
    {
        var random = new Random(42);
        string[] seeds = ["db=postgresql", "+db.port=1", "~db", "db.user=x", "++a.b.c=1", "~db.pass=secret", "db@x=mysql", "+db=[mysql]", "db.0=1"];
        var composer = new ConfigComposer(new ConfigRepository(Compose.Dir("first_app")));
        for (int i = 0; i < 1000; i++)
        {
            string text = i % 3 == 0 ? RandomText(random, random.Next(1, 16)) : Mutate(random, seeds[random.Next(seeds.Length)]);
            Exception? ex = Record.Exception(() => composer.Compose("config", [ConfigOverride.ParseSimple(text)], Compose.Context()).Resolve());
            Assert.True(ex is null or ConfigCompositionException, $"'{text}': {ex}");
        }
    }

    [Fact]
    public void Random_yaml_parses_or_fails_with_a_composition_error()
    {
        var random = new Random(7);
        string[] seeds = ["a: 1\nb: [1, 2]\n", "defaults:\n  - db: mysql\n", "a: &x {b: 1}\nc: *x\nd:\n  <<: *x\n", "k: !!int 5\n", "- 1\n- 2\n"];
        for (int i = 0; i < 1000; i++)
        {
            string text = Mutate(random, seeds[random.Next(seeds.Length)]);
            Exception? ex = Record.Exception(() => ConfigYaml.Write(ConfigYaml.Parse(text, "fuzz.yaml")));
            Assert.True(ex is null or ConfigCompositionException, $"'{text}': {ex}");
        }
    }

    private static string RandomText(Random random, int length)
    {
        var text = new StringBuilder();
        for (int i = 0; i < length; i++)
        {
            text.Append(Alphabet[random.Next(Alphabet.Length)]);
        }

        return text.ToString();
    }

    private static string Mutate(Random random, string seed)
    {
        var text = new StringBuilder(seed);
        int edits = random.Next(1, 4);
        for (int e = 0; e < edits; e++)
        {
            int at = text.Length == 0 ? 0 : random.Next(text.Length);
            switch (random.Next(3))
            {
                case 0 when text.Length > 0:
                    text.Remove(at, 1);
                    break;
                case 1:
                    text.Insert(at, Alphabet[random.Next(Alphabet.Length)]);
                    break;
                default:
                    if (text.Length > 0)
                    {
                        text[at] = Alphabet[random.Next(Alphabet.Length)];
                    }

                    break;
            }
        }

        return text.ToString();
    }
}
