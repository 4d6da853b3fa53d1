using Wnn.Experiments.Config;
using Wnn.Experiments.Flows;
using Wnn.Ram.Text;

namespace Wnn.Experiments.Tests.Flows;

public sealed class FlowConfigTests
{
    [Fact]
    public void Empty_config_is_the_search_default_with_seed_42()
    {
        FlowConfig config = FlowConfig.Parse("{}");

        Assert.Equal(FlowConfig.StandardTemplate, config.Template);
        Assert.Equal(PhasedSearchConfig.Default with { RotationSeed = 42 }, config.Search);
        Assert.Equal(new DataOptions { TrainTokens = PhasedSearchConfig.Default.TrainTokens, EvalTokens = PhasedSearchConfig.Default.EvalTokens },
            config.Data);
        Assert.Null(config.Threads);
    }

    [Fact]
    public void Seed_001_names_and_yaml_names_give_the_same_config()
    {
        FlowConfig seed001 = FlowConfig.Parse("""
            {"template":"standard-6-phase","patience":10,"ga_generations":250,"ts_iterations":250,"population":30,"neighbors":20,
             "tier_config":"100,15,20;400,10,12;rest,5,8","optimize_tier0_only":true,"phase_order":"bits_first","fitness":"harmonic_rank"}
            """);
        FlowConfig yaml = FlowConfig.Parse("""
            {"patience":"10","ga_generations":250,"ts_iterations":250,"population_size":30,"neighbors_per_iter":20,
             "tier_config":"100,15,20;400,10,12;rest,5,8","optimize_tier0_only":"true","phase_order":"bits_first","fitness":"harmonic_rank"}
            """);

        Assert.Equal(yaml.Search, seed001.Search);
        Assert.Equal((10, 250, 250, 30, 20, "bits_first", true, "harmonic_rank", 42UL), (seed001.Search.Patience, seed001.Search.GaGenerations,
            seed001.Search.TsIterations, seed001.Search.PopulationSize, seed001.Search.NeighborsPerIter, seed001.Search.PhaseOrder,
            seed001.Search.OptimizeTier0Only, seed001.Search.Fitness, seed001.Search.RotationSeed));
    }

    [Fact]
    public void Data_keys_set_the_data_options_and_token_caps_come_from_the_search_keys()
    {
        FlowConfig config = FlowConfig.Parse("""
            {"train_file":"/d/valid.txt","eval_file":"/d/test.txt","format":"wikitext","tokenizer":"gpt2","tokenizer_file":"/d/gpt2.tiktoken",
             "word_vocab":500,"data_dir":"/cache","train_tokens":3000,"eval_tokens":800,"threads":2,"seed":7}
            """);

        Assert.Equal(new DataOptions
        {
            TrainFile = "/d/valid.txt",
            EvalFile = "/d/test.txt",
            Format = CorpusFormat.WikiText,
            Tokenizer = TokenizerKind.Gpt2,
            TokenizerFile = "/d/gpt2.tiktoken",
            WordVocabularySize = 500,
            CacheDirectory = "/cache",
            TrainTokens = 3000,
            EvalTokens = 800,
        }, config.Data);
        Assert.Equal((2, 7UL), (config.Threads, config.Search.RotationSeed));
    }

    [Theory]
    [InlineData("""{"tier_config":"100,15"}""", "tier_config")]
    [InlineData("""{"populaton":5}""", "unknown flow config key 'populaton'; valid keys: run.seed, run.threads")]
    [InlineData("""{"ga_generations":"many"}""", "ga_generations")]
    [InlineData("""{"phase_order":"sideways"}""", "phase_order")]
    [InlineData("""{"template":"other"}""", "config key 'template': 'other' is not allowed; expected one of standard-6-phase")]
    [InlineData("""{"population":4,"population_size":5}""", "given twice")]
    [InlineData("""{"tokenizer":"bpe"}""", "config key 'tokenizer': 'bpe' is not allowed; expected one of gpt2, word, char")]
    [InlineData("""{"eval_file":"/x"}""", "needs a train file")]
    [InlineData("""{"patience":[1]}""", "config key 'patience': expected a single value")]
    [InlineData("""[1]""", "must be a JSON object")]
    [InlineData("""{"a":""", "not valid JSON")]
    public void Invalid_configs_fail_with_a_message_naming_the_key(string json, string expected)
    {
        var ex = Assert.Throws<ConfigException>(() => FlowConfig.Parse(json));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Equal(ex.Message, new PhasedFlowExecutor().Validate(json));
    }
}
