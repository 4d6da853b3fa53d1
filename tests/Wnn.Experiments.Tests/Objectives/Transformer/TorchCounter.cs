using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Wnn.Experiments.Objectives.Transformer;

namespace Wnn.Experiments.Tests.Objectives.Transformer;

/// <summary>Counts parameters with PyTorch itself: builds each model in examples/hpo/patchtst_train.py (one process for a whole batch).</summary>
internal static class TorchCounter
{
    public static string RepoRoot { get; } = FindRoot();

    public static string Script => Path.Combine(RepoRoot, "examples", "hpo", "patchtst_train.py");

    /// <summary>PyTorch's sum(p.numel()) for each request, in order; fails (never skips) when PyTorch is missing.</summary>
    public static long[] Count(IReadOnlyList<(TransformerModelKind Model, Architecture Arch, PatchTstShape Shape)> requests)
    {
        var input = new StringBuilder();
        foreach (var (model, a, s) in requests)
        {
            var spec = new Dictionary<string, object>
            {
                ["model"] = TransformerModels.NameOf(model),
                ["d_model"] = a.DModel,
                ["n_layers"] = a.NLayers,
                ["n_heads"] = a.NHeads,
                ["d_ff"] = a.DFf,
                ["n_vars"] = s.NVars,
                ["seq_len"] = s.SeqLen,
                ["patch_len"] = s.PatchLen,
                ["stride"] = s.Stride,
                ["horizon"] = s.Horizon,
                ["data_len"] = Math.Max(1400, 4 * (s.SeqLen + s.Horizon)),
            };
            input.Append(JsonSerializer.Serialize(spec)).Append('\n');
        }

        var (code, stdout, stderr) = RunPython(["--count-params-batch"], input.ToString(), TimeSpan.FromMinutes(10));
        Assert.True(code == 0, $"PyTorch counting failed (exit {code}): {stderr.Trim()} — install PyTorch with scripts/test-prereqs.sh (Debian python3-torch).");
        string[] lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(requests.Count, lines.Length);
        return [.. lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("param_count").GetInt64())];
    }

    /// <summary>Runs the trainer script with the torch interpreter; asserts first that PyTorch imports.</summary>
    public static (int Code, string Stdout, string Stderr) RunPython(IReadOnlyList<string> args, string? stdin, TimeSpan timeout, string? workingDirectory = null, string? metricsFile = null)
    {
        RequireTorch();
        return Run([Script, .. args], stdin, timeout, workingDirectory, metricsFile);
    }

    public static void RequireTorch()
    {
        var (code, _, stderr) = Run(["-c", "import torch"], null, TimeSpan.FromMinutes(2), null, null);
        Assert.True(code == 0, $"PyTorch is not importable by {TorchPython.Resolve()} ({stderr.Trim().Split('\n').LastOrDefault()}); run scripts/test-prereqs.sh (as root it installs Debian's python3-torch) or set {TorchPython.EnvironmentVariable}.");
    }

    private static (int, string, string) Run(IReadOnlyList<string> args, string? stdin, TimeSpan timeout, string? workingDirectory, string? metricsFile)
    {
        var info = new ProcessStartInfo(TorchPython.Resolve())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? RepoRoot,
        };
        foreach (string a in args)
        {
            info.ArgumentList.Add(a);
        }

        if (metricsFile is null)
        {
            info.Environment.Remove(Wnn.Launchers.MetricsProtocol.MetricsFileVariable);
        }
        else
        {
            info.Environment[Wnn.Launchers.MetricsProtocol.MetricsFileVariable] = metricsFile;
        }

        using Process p = Process.Start(info)!;
        Task<string> o = p.StandardOutput.ReadToEndAsync();
        Task<string> e = p.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            p.StandardInput.Write(stdin);
        }

        p.StandardInput.Close();
        if (!p.WaitForExit(timeout))
        {
            p.Kill(entireProcessTree: true);
            Assert.Fail($"python {string.Join(' ', args)} did not finish in {timeout}");
        }

        return (p.ExitCode, o.Result, e.Result);
    }

    private static string FindRoot()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "Wnn.slnx")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        return dir ?? throw new InvalidOperationException("repository root (Wnn.slnx) not found above " + AppContext.BaseDirectory);
    }
}
