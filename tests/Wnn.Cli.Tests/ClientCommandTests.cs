using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Wnn.Server;
using Wnn.Storage;

namespace Wnn.Cli.Tests;

/// <summary>Runs `wnn` commands in-process against a real server on loopback; console output is captured, so tests run one at a time.</summary>
public sealed class ClientCommandTests : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "wnn-cli-" + Guid.NewGuid().ToString("N"));
    private IExperimentStore _store = null!;
    private WnnServer _server = null!;

    private string CheckpointRoot => Path.Combine(_root, "checkpoints");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(CheckpointRoot);
        _store = await SqliteExperimentStore.OpenAsync(Path.Combine(_root, "experiments.db"), CancellationToken.None);
        _server = await WnnServer.StartAsync(new ServerOptions { Port = 0, Worker = new WorkerOptions { CheckpointRoot = CheckpointRoot } },
            _store, executor: null, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _store.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task Flow_create_builds_the_config_and_list_prints_json()
    {
        (int exit, string output, _) = await RunAsync("flow", "create", "--name", "Pass 2", "--patience", "15", "--ga-gens", "500",
            "--phase-order", "bits_first", "--queue", "--json");

        Assert.Equal(0, exit);
        JsonElement flow = JsonDocument.Parse(output).RootElement;
        Assert.Equal(("Pass 2", "queued"), (flow.GetProperty("name").GetString(), flow.GetProperty("status").GetString()));
        JsonElement config = flow.GetProperty("config");
        Assert.Equal(("bits_first", 15, 500), (config.GetProperty("search.phase_order").GetString(), config.GetProperty("search.patience").GetInt32(),
            config.GetProperty("ga.generations").GetInt32()));
        Assert.False(config.TryGetProperty("flow.template", out _), "flags not given are not sent: the server's defaults are the schema's");

        (_, string list, _) = await RunAsync("flow", "list", "--status", "queued", "--json");
        Assert.Equal([flow.GetProperty("id").GetInt64()], JsonDocument.Parse(list).RootElement.EnumerateArray().Select(f => f.GetProperty("id").GetInt64()));
    }

    [Fact]
    public async Task Flow_create_sends_data_flags_the_seed_and_set_aliases_under_the_schema_names()
    {
        (int exit, string output, string error) = await RunAsync("flow", "create", "--name", "data", "--train-file", "corpus/train.txt",
            "--eval-file", "corpus/valid.txt", "--format", "wikitext", "--tokenizer", "word", "--train-tokens", "5000", "--eval-tokens", "1000",
            "--context", "6", "--seed", "9", "--threads", "2", "--optimize-tier0-only", "--set", "ts_iterations=3", "--set", "ga.crossover=uniform",
            "--set", "phases=2", "--json");

        Assert.True(exit == 0, error);
        JsonElement config = JsonDocument.Parse(output).RootElement.GetProperty("config");
        Assert.Equal(Path.GetFullPath("corpus/train.txt"), config.GetProperty("data.train_file").GetString());
        Assert.Equal(Path.GetFullPath("corpus/valid.txt"), config.GetProperty("data.eval_file").GetString());
        Assert.Equal(("wikitext", "word", 5000, 1000, 6, 9UL, 2), (config.GetProperty("data.format").GetString(), config.GetProperty("data.tokenizer").GetString(),
            config.GetProperty("data.train_tokens").GetInt32(), config.GetProperty("data.eval_tokens").GetInt32(), config.GetProperty("model.context").GetInt32(),
            config.GetProperty("run.seed").GetUInt64(), config.GetProperty("run.threads").GetInt32()));
        Assert.Equal((3, "uniform", true, 2), (config.GetProperty("ts.iterations").GetInt32(), config.GetProperty("ga.crossover").GetString(),
            config.GetProperty("search.optimize_tier0_only").GetBoolean(), config.GetProperty("phases").GetInt32()));
    }

    [Theory]
    [InlineData(new[] { "--ga-gens", "many" }, "error: --ga-gens: config key 'ga.generations': 'many' is not an integer")]
    [InlineData(new[] { "--set", "ce_percentile=2" }, "error: --set: config key 'ce_percentile': 2 is out of range; allowed (0, 1] or null")]
    [InlineData(new[] { "--tokenizer", "bpe" }, "error: --tokenizer: config key 'data.tokenizer': 'bpe' is not allowed; expected one of gpt2, word, char")]
    public async Task Flow_create_refuses_a_value_outside_the_schema_in_one_line(string[] flags, string message)
    {
        (int exit, _, string error) = await RunAsync(["flow", "create", "--name", "bad", .. flags]);

        Assert.Equal(2, exit);
        Assert.Equal(message, error.Trim());
        Assert.Empty(await _store.ListFlowsAsync(null, CancellationToken.None));
    }

    [Fact]
    public async Task Checkpoint_import_dry_run_registers_nothing_and_import_registers_each_file_once()
    {
        string dir = Path.Combine(CheckpointRoot, "old");
        Directory.CreateDirectory(dir);
        WriteGzipJson(Path.Combine(dir, "final_pass1.json.gz"), """{"fitness":10.25,"accuracy":0.125,"iterations":250}""");
        WriteGzipJson(Path.Combine(dir, "gen_0100.json.gz"), """{"ce":10.75}""");

        (int dryExit, string dry, _) = await RunAsync("checkpoint", "import", dir, "--dry-run", "--json");
        Assert.Equal(0, dryExit);
        JsonElement plan = JsonDocument.Parse(dry).RootElement;
        Assert.Equal(0, plan.GetProperty("registered").GetArrayLength());
        Assert.Equal([10.25, 10.75], plan.GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("final_fitness").GetDouble()));
        Assert.Empty(await _store.ListCheckpointsAsync(false, null, CancellationToken.None));

        (_, string imported, _) = await RunAsync("checkpoint", "import", dir, "--json");
        Assert.Equal(2, JsonDocument.Parse(imported).RootElement.GetProperty("registered").GetArrayLength());
        CheckpointRecord final = Assert.Single(await _store.ListCheckpointsAsync(true, null, CancellationToken.None));
        Assert.Equal(("final_pass1.json.gz", 0.125, 250), (final.Name, final.FinalAccuracy, final.IterationsRun));

        (_, string again, _) = await RunAsync("checkpoint", "import", dir, "--json");
        Assert.Equal(0, JsonDocument.Parse(again).RootElement.GetProperty("registered").GetArrayLength());
    }

    [Fact]
    public async Task Errors_are_one_line_on_stderr_with_exit_code_2()
    {
        (int exit, _, string error) = await RunAsync("flow", "show", "999");
        Assert.Equal(2, exit);
        Assert.Equal("error: 404 Not found: flow 999 does not exist" + Environment.NewLine, error);

        string path = Path.Combine(CheckpointRoot, "seed.json.gz");
        WriteGzipJson(path, "{}");
        CheckpointRecord seed = await _store.CreateCheckpointAsync(new NewCheckpoint("seed", path), CancellationToken.None);
        (int seedExit, _, _) = await RunAsync("checkpoint", "seed", seed.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--flow-name", "seeded");
        Assert.Equal(0, seedExit);
        (int refused, _, string why) = await RunAsync("checkpoint", "delete", seed.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(2, refused);
        Assert.Contains("add --force", why, StringComparison.Ordinal);
        Assert.True(File.Exists(path));

        (int unreachable, _, string down) = await RunAsync("status", "--url", "http://127.0.0.1:1");
        Assert.Equal(2, unreachable);
        Assert.StartsWith("error: cannot reach the server at http://127.0.0.1:1/", down, StringComparison.Ordinal);
    }

    private async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter(new StringBuilder(), System.Globalization.CultureInfo.InvariantCulture);
        var error = new StringWriter(new StringBuilder(), System.Globalization.CultureInfo.InvariantCulture);
        TextWriter oldOut = Console.Out, oldError = Console.Error;
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            string[] withUrl = args.Contains("--url") ? args : [.. args, "--url", _server.Url.ToString()];
            int exit = await WnnCommand.RunAsync(withUrl);
            return (exit, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldError);
        }
    }

    private static void WriteGzipJson(string path, string json)
    {
        using FileStream file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        gzip.Write(Encoding.UTF8.GetBytes(json));
    }
}
