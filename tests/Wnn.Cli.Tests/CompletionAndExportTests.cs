using System.Diagnostics;

namespace Wnn.Cli.Tests;

/// <summary>Shell completion through the real program and bash; the README's sampler list matches what the CLI accepts.</summary>
public sealed class CompletionAndExportTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wnn-cli-complete-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("search --phase-order ", "bits_first,neurons_first")]
    [InlineData("search --fitness ", "ce,harmonic_rank,normalized,normalized_harmonic")]
    [InlineData("study optimize --sampler ", "cmaes,lhs,nsga2,qmc,random,tpe,tpe-multivariate,tpe-multivariate-group")]
    [InlineData("completion ", "--help,-?,-h,/?,/h,bash,zsh")]
    [InlineData("ser", "serve")]
    public void Bash_completion_offers_commands_and_enumeration_values(string line, string expected)
    {
        // A `wnn` on PATH that runs the built program, as an installed one would.
        string bin = Path.Combine(_dir, "bin");
        Directory.CreateDirectory(bin);
        string launcher = Path.Combine(bin, "wnn");
        File.WriteAllText(launcher, $"#!/bin/sh\nexec dotnet '{Path.Combine(AppContext.BaseDirectory, "wnn.dll")}' \"$@\"\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(launcher, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        string script = $$"""
            source <(wnn completion bash)
            COMP_LINE='wnn {{line}}'
            COMP_POINT=${#COMP_LINE}
            read -ra COMP_WORDS <<< "$COMP_LINE"
            [[ "$COMP_LINE" == *' ' ]] && COMP_WORDS+=("")
            COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
            _wnn_complete
            printf '%s\n' "${COMPREPLY[@]}"
            """;
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _dir };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(script);
        info.Environment["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH");
        using Process bash = Process.Start(info)!;
        string output = bash.StandardOutput.ReadToEnd();
        string error = bash.StandardError.ReadToEnd();
        Assert.True(bash.WaitForExit(TimeSpan.FromMinutes(1)));
        Assert.True(bash.ExitCode == 0, error);
        string[] offered = [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal)];
        Assert.Equal(expected.Split(','), offered);
    }

    [Fact]
    public void The_zsh_script_is_printed_and_an_unknown_shell_is_one_line()
    {
        WnnProcess.Result zsh = WnnProcess.Run(_dir, "completion", "zsh");
        Assert.Equal(0, zsh.ExitCode);
        Assert.StartsWith("#compdef wnn", zsh.Stdout, StringComparison.Ordinal);
        WnnProcess.Result fish = WnnProcess.Run(_dir, "completion", "fish");
        Assert.Equal(2, fish.ExitCode);
        Assert.Equal("error: completion: unknown shell 'fish'; accepted: bash, zsh", fish.Stderr.Trim());
    }

    [Fact]
    public void Every_sampler_the_readme_gives_to_study_optimize_is_accepted_and_grid_is_refused_naming_them()
    {
        string readme = File.ReadAllText(Path.Combine(WnnProcess.RepoRoot, "README.md"));
        Assert.Contains("`wnn study optimize --sampler` takes random, tpe, tpe-multivariate, tpe-multivariate-group, qmc (scrambled Sobol), lhs, cmaes (IPOP) or\nnsga2", readme, StringComparison.Ordinal);
        WnnProcess.Result grid = WnnProcess.Run(_dir, "study", "optimize", "--function", "sphere", "--sampler", "grid", "--trials", "2");
        Assert.Equal(2, grid.ExitCode);
        Assert.Contains("Unknown sampler 'grid'; known: random, tpe, tpe-multivariate, tpe-multivariate-group, qmc, lhs, cmaes, nsga2", grid.Stderr, StringComparison.Ordinal);
    }
}
