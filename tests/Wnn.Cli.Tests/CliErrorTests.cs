namespace Wnn.Cli.Tests;

/// <summary>Bad command lines: one line on stderr naming the problem and what is valid, exit code 2, help only on --help.</summary>
public sealed class CliErrorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wnn-cli-errors-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData(new[] { "serach" }, "error: unknown command 'serach' for 'wnn'; did you mean search?")]
    [InlineData(new[] { "search", "--ga-gen", "2" }, "error: unknown option '--ga-gen' for 'wnn search'; did you mean --ga-gens?")]
    [InlineData(new[] { "flow", "lst" }, "error: unknown command 'lst' for 'wnn flow'; did you mean list?")]
    [InlineData(new[] { "study", "optimize", "--samplr", "tpe" }, "error: unknown option '--samplr' for 'wnn study optimize'; did you mean --sampler?")]
    [InlineData(new[] { "flow" }, "error: 'wnn flow' needs a command: list, show, logs, create")]
    [InlineData(new[] { "study", "best", "--storage", "x.db" }, "error: wnn study best: Option '--study' is required")]
    [InlineData(new[] { "search", "--seed", "abc" }, "error: --seed: config key 'run.seed': 'abc' is not a non-negative integer")]
    public void A_bad_command_line_is_one_line_on_stderr_with_exit_code_2(string[] args, string expected)
    {
        WnnProcess.Result r = WnnProcess.Run(_dir, args);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("", r.Stdout);
        string line = Assert.Single(r.Stderr.Trim().Split('\n'));
        Assert.StartsWith(expected, line, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_is_printed_on_help_only_and_exits_0()
    {
        WnnProcess.Result r = WnnProcess.Run(_dir, "search", "--help");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("--ga-gens", r.Stdout, StringComparison.Ordinal);
        Assert.Equal("", r.Stderr);
    }

    [Theory]
    [InlineData("best")]
    [InlineData("trials")]
    [InlineData("show")]
    [InlineData("list")]
    public void A_read_command_on_a_missing_sqlite_file_does_not_create_it(string command)
    {
        string db = Path.Combine(_dir, "typo.db");
        string[] args = command == "list" ? ["study", command, "--storage", db] : ["study", command, "--storage", db, "--study", "s"];
        WnnProcess.Result r = WnnProcess.Run(_dir, args);
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith($"error: --storage: no database at '{db}' (read commands never create one", Assert.Single(r.Stderr.Trim().Split('\n')), StringComparison.Ordinal);
        Assert.False(File.Exists(db));
    }
}
