using System.Globalization;
using Wnn.Experiments.Config;
using Wnn.Experiments.Flows;
using Wnn.Ram.Model;
using Wnn.Ram.Text;

namespace Wnn.Experiments.Tests.Config;

/// <summary>The schema is the one source of every key, name and default: YAML, flow configs and the docs derive from it.</summary>
public sealed class ConfigSchemaTests
{
    public static TheoryData<string> KeyNames() => [.. ConfigSchema.In(ConfigScope.Search).Select(k => k.Name)];

    [Fact]
    public void An_empty_yaml_file_gives_every_key_its_schema_default()
    {
        PhasedConfig config = PhasedConfig.FromYaml("");
        Assert.Equal(ConfigSchema.In(ConfigScope.Search).Count(), PhasedConfig.Keys.Count);
        foreach (ConfigKey key in PhasedConfig.Keys)
        {
            Assert.Equal(key.Definition.Default, key.Get(config));
        }

        Assert.Equal((100, 200, 42UL, null), (config.GaGenerations, config.TsIterations, config.RotationSeed, config.Patience));
    }

    [Fact]
    public void A_flow_config_without_keys_gets_the_same_defaults_as_wnn_search()
    {
        FlowConfig flow = FlowConfig.Parse("{}");
        Assert.Equal(PhasedConfig.Default, flow.Search);
        Assert.Equal(ConfigKeys.Template.Default, flow.Template);
        foreach (ConfigKey key in PhasedConfig.Keys)
        {
            Assert.Equal(key.Definition.Default, key.Get(flow.Search));
        }
    }

    [Theory]
    [MemberData(nameof(KeyNames))]
    public void Every_name_of_a_key_sets_it_in_yaml_and_in_a_flow_config(string name)
    {
        ConfigKey key = PhasedConfig.FindKey(name)!;
        string text = SampleText(key.Definition);
        object? expected = key.Definition.Parse(text, out string? error);
        Assert.Null(error);
        Assert.NotEqual(key.Definition.Default, expected);
        string leaf = key.Name[(key.Definition.Group.Length + 1)..];

        // An eval file needs a train file (a rule across keys).
        bool needsTrain = ReferenceEquals(key.Definition, ConfigKeys.EvalFile);
        string yamlContext = needsTrain ? "train_file: /t.txt\n" : "";
        string jsonContext = needsTrain ? "\"train_file\": \"/t.txt\", " : "";
        string[] yamls =
        [
            .. key.Definition.Names.Select(n => $"{yamlContext}{n}: {text}\n"),
            $"{yamlContext}{key.Definition.Group}:\n  {leaf}: {text}\n",
        ];
        foreach (string yaml in yamls)
        {
            Assert.Equal(expected, key.Get(PhasedConfig.FromYaml(yaml)));
        }

        string json = key.Definition.Kind is ConfigValueKind.Text ? $"\"{text}\"" : text;
        foreach (string n in key.Definition.Names)
        {
            Assert.Equal(expected, key.Get(FlowConfig.Parse($"{{{jsonContext}\"{n}\": {json}}}").Search));
        }

        Assert.Equal(expected, key.Get(FlowConfig.Parse($"{{{jsonContext}\"{key.Definition.Group}\": {{\"{leaf}\": {json}}}}}").Search));
    }

    [Fact]
    public void The_example_files_load_with_their_flat_names()
    {
        string examples = Path.Combine(RepoRoot(), "examples");
        string[] files = Directory.GetFiles(examples, "*.yaml");
        Assert.NotEmpty(files);
        foreach (string file in files)
        {
            PhasedConfig config = PhasedConfig.LoadYaml(file);
            Assert.Equal(42UL, config.RotationSeed);
        }

        PhasedConfig quick = PhasedConfig.LoadYaml(Path.Combine(examples, "quick-pass.yaml"));
        Assert.Equal((2, 2, 6, 6, 60_000), (quick.GaGenerations, quick.TsIterations, quick.PopulationSize, quick.NeighborsPerIter, quick.TrainTokens));
    }

    [Fact]
    public void Yaml_is_written_nested_by_group_under_the_dotted_names_and_reads_back()
    {
        PhasedConfig config = PhasedConfig.Default with { GaGenerations = 7, TrainFile = "/d/train.txt", FitnessPercentile = 0.5 };
        string yaml = config.ToYaml();
        Assert.Contains("ga:\n  generations: 7\n", yaml, StringComparison.Ordinal);
        Assert.Contains("data:\n  train_file: '/d/train.txt'\n", yaml, StringComparison.Ordinal);
        Assert.Contains("fitness:\n  kind: 'ce'\n", yaml, StringComparison.Ordinal);
        Assert.Equal(config, PhasedConfig.FromYaml(yaml));
    }

    [Fact]
    public void A_key_given_under_two_of_its_names_is_refused_whatever_the_form()
    {
        var ex = Assert.Throws<ConfigException>(() => PhasedConfig.FromYaml("ga:\n  generations: 3\nga_generations: 4\n"));
        Assert.Equal("config key 'ga_generations' is given twice (as 'ga.generations' and 'ga_generations'; both name ga.generations)", ex.Message);
    }

    [Fact]
    public void Unknown_nested_keys_name_their_dotted_path()
    {
        var ex = Assert.Throws<ConfigException>(() => PhasedConfig.FromYaml("ga:\n  generashuns: 3\n"));
        Assert.StartsWith("unknown config key 'ga.generashuns'; valid keys: run.seed, run.threads", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_schema_agrees_with_the_model_constants_it_cannot_reference()
    {
        Assert.Equal(TierConfig.DefaultText, ConfigKeys.TierConfig.Default);
        Assert.Equal(DataOptions.DefaultWordVocabularySize, ConfigKeys.WordVocabulary.Default);
        Assert.Equal(Genome.MaxBitsPerNeuron, ConfigKeys.MaxBits.Maximum);
        Assert.Equal(Genome.MaxBitsPerNeuron, ConfigKeys.DefaultBits.Maximum);
        Assert.Equal(ModelOptions.MaxScoreScale, ConfigKeys.ScoreScale.Maximum);
        Assert.Equal(new DataOptions().Tokenizer, DataOptions.ParseTokenizer((string)ConfigKeys.Tokenizer.Default!));
    }

    [Fact]
    public void Only_threads_the_data_folder_and_the_checkpoint_interval_may_change_on_resume()
    {
        Assert.Equal(["run.threads", "data.dir", "checkpoint.interval"], ConfigSchema.Keys.Where(k => k.Resume == ResumeRule.Safe).Select(k => k.Name));
    }

    [Fact]
    public void The_key_table_in_the_docs_is_the_one_generated_from_the_schema()
    {
        string path = Path.Combine(RepoRoot(), "docs", "configs-keys.md");
        string generated = ConfigSchemaMarkdown.Generate();
        if (Environment.GetEnvironmentVariable("WNN_UPDATE_DOCS") == "1")
        {
            File.WriteAllText(path + ".tmp", generated);
            File.Move(path + ".tmp", path, overwrite: true);
        }

        Assert.True(File.Exists(path), $"{path} is missing; run with WNN_UPDATE_DOCS=1");
        Assert.Equal(generated, File.ReadAllText(path));
        foreach (ConfigKeyDefinition key in ConfigSchema.Keys)
        {
            Assert.Contains($"| `{key.Name}` |", generated, StringComparison.Ordinal);
        }
    }

    /// <summary>A valid value of the key that differs from its default.</summary>
    private static string SampleText(ConfigKeyDefinition key)
    {
        var inv = CultureInfo.InvariantCulture;
        switch (key.Kind)
        {
            case ConfigValueKind.Boolean:
                return (bool)key.Default! ? "false" : "true";
            case ConfigValueKind.Text when key.Allowed.Count > 0:
                return key.Allowed.First(a => !Equals(a, key.Default));
            case ConfigValueKind.Text when key == ConfigKeys.Phases:
                return "ga_bits ga.generations=4; ts_bits";
            case ConfigValueKind.Text when key.Group == "grid":
                return "3,5";
            case ConfigValueKind.Text:
                return key.IsPath ? "/some/where.txt" : "10,3,4;rest,2,5";
            case ConfigValueKind.Number:
                double low = key.Minimum ?? 0, high = key.Maximum ?? low + 2;
                double candidate = (low + high) / 2 == (key.Default as double? ?? double.NaN) ? (low + high) / 3 : (low + high) / 2;
                return candidate.ToString("R", inv);
            default:
                long def = key.Default is int i ? i : key.Default is ulong u ? (long)u : (long)(key.Minimum ?? 1);
                long value = key.Maximum is double max && def + 1 > max ? def - 1 : def + 1;
                return value.ToString(inv);
        }
    }

    private static string RepoRoot()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "Wnn.slnx")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        return dir ?? throw new InvalidOperationException("Wnn.slnx not found above " + AppContext.BaseDirectory);
    }
}
