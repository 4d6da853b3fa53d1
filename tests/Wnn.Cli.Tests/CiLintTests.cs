namespace Wnn.Cli.Tests;

/// <summary>
/// scripts/ci/lint.sh with the real validators: @action-validator/cli (npm, pinned by scripts/ci/package-lock.json) on
/// every workflow, yamllint on every YAML file and shellcheck on every shell script, on the repository and on planted
/// trees with known faults. A missing validator is a failure that names it.
/// </summary>
public sealed class CiLintTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wnn-ci-lint-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Plant(string path, string text)
    {
        string full = Path.Combine(_dir, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text.ReplaceLineEndings("\n").TrimEnd('\n') + "\n");
        if (path.EndsWith(".sh", StringComparison.Ordinal) && !OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(full, File.GetUnixFileMode(full) | UnixFileMode.UserExecute);
        }

        return full;
    }

    private const string GoodWorkflow = """
        name: Good
        "on":
          push:
        jobs:
          build:
            runs-on: ubuntu-24.04
            steps:
              - uses: actions/checkout@v4
              - name: Step
                run: scripts/ci/step.sh out
        """;

    private const string GoodScript = "#!/usr/bin/env bash\nset -euo pipefail\necho \"step: $1\"\n";

    [Fact]
    public void The_repository_workflows_yaml_and_scripts_pass_every_validator()
    {
        WnnProcess.Result r = CiScripts.Run("lint.sh", _dir, null);
        Assert.True(r.ExitCode == 0, r.Stderr + r.Stdout);
        Assert.Contains("lint.sh: 2 workflows (action-validator)", r.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"[1-9][0-9]+ YAML files \(yamllint\), [1-9][0-9]+ shell scripts \(shellcheck\): clean", r.Stdout);
    }

    [Fact]
    public void The_test_job_runs_exactly_the_readme_test_command_through_ci_run_on_push_and_pull_request()
    {
        string root = WnnProcess.RepoRoot;
        string ci = File.ReadAllText(Path.Combine(root, ".github", "workflows", "ci.yml"));
        Assert.Contains("\"on\":\n  push:\n  pull_request:\n", ci, StringComparison.Ordinal);
        Assert.Contains("run: scripts/ci/test.sh\n", ci, StringComparison.Ordinal);
        Assert.Contains("if: github.event_name == 'pull_request'", ci, StringComparison.Ordinal);
        Assert.Contains("uses: actions/upload-artifact@v4", ci, StringComparison.Ordinal);
        Assert.Contains("exec \"$root/.ci/run\"", File.ReadAllText(CiScripts.ScriptPath("test.sh")), StringComparison.Ordinal);
        Assert.EndsWith("\n./test.sh\n", File.ReadAllText(Path.Combine(root, ".ci", "run")), StringComparison.Ordinal);
        Assert.Contains("\n./test.sh\n", File.ReadAllText(Path.Combine(root, "README.md")), StringComparison.Ordinal);
        string nightly = File.ReadAllText(Path.Combine(root, ".github", "workflows", "nightly-sweep.yml"));
        Assert.Contains("schedule:\n    - cron: \"0 2 * * *\"", nightly, StringComparison.Ordinal);
        Assert.Contains("MLFLOW_TRACKING_URI: ${{ secrets.MLFLOW_TRACKING_URI }}", nightly, StringComparison.Ordinal);
    }

    [Fact]
    public void A_clean_planted_tree_passes()
    {
        Plant(".github/workflows/good.yml", GoodWorkflow);
        Plant("scripts/ci/step.sh", GoodScript);
        WnnProcess.Result r = CiScripts.Run("lint.sh", _dir, null, _dir);
        Assert.True(r.ExitCode == 0, r.Stderr + r.Stdout);
        Assert.Contains("lint.sh: 1 workflows (action-validator), 1 YAML files (yamllint), 1 shell scripts (shellcheck): clean", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_planted_fault_is_found_and_named()
    {
        Plant(".github/workflows/good.yml", GoodWorkflow);
        Plant("scripts/ci/step.sh", GoodScript);
        // No runs-on: the schema requires it.
        Plant(".github/workflows/no-runner.yml", "name: Bad\n\"on\":\n  push:\njobs:\n  a:\n    steps:\n      - run: scripts/ci/step.sh\n");
        // Valid for GitHub, but an inline command instead of a script, and a script that does not exist.
        Plant(".github/workflows/inline.yml", GoodWorkflow.Replace("run: scripts/ci/step.sh out", "run: echo hi", StringComparison.Ordinal)
            + "\n      - run: scripts/ci/missing.sh\n");
        Plant("scripts/unquoted.sh", "#!/usr/bin/env bash\ncd $1\n");
        Plant("conf/dup.yaml", "a: 1\na: 2\n");
        WnnProcess.Result r = CiScripts.Run("lint.sh", _dir, null, _dir);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("action-validator: .github/workflows/no-runner.yml is not a valid workflow", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("/jobs/a/runs-on", r.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("good.yml is not a valid workflow", r.Stderr, StringComparison.Ordinal);
        Assert.Contains(".github/workflows/inline.yml:10: a run step must be one call of a script in scripts/ci/ (got 'echo hi')", r.Stderr, StringComparison.Ordinal);
        Assert.Contains(".github/workflows/inline.yml:11: scripts/ci/missing.sh is not an executable file", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("SC2086", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("shellcheck: findings above", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("dup.yaml:2:1: [error] duplication of key \"a\"", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("lint.sh: 5 failed check(s)", r.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SHELLCHECK", "shellcheck not found (/nonexistent/tool); install it with: apt-get install -y shellcheck")]
    [InlineData("YAMLLINT", "yamllint not found (/nonexistent/tool); install it with: apt-get install -y yamllint")]
    [InlineData("ACTION_VALIDATOR", "action-validator not found (/nonexistent/tool); install it with: npm ci in scripts/ci")]
    public void A_missing_validator_fails_with_its_name_and_how_to_install_it(string variable, string message)
    {
        Plant(".github/workflows/good.yml", GoodWorkflow);
        Plant("scripts/ci/step.sh", GoodScript);
        WnnProcess.Result r = CiScripts.Run("lint.sh", _dir, new Dictionary<string, string?> { [variable] = "/nonexistent/tool" }, _dir);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("lint.sh: " + message, r.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("clean", r.Stdout, StringComparison.Ordinal);
    }
}
