namespace Wnn.Experiments.Objectives.Transformer;

/// <summary>
/// The Python interpreter that has PyTorch: $WNN_PYTHON when set, else Debian's /usr/bin/python3 (where python3-torch
/// installs; a pyenv or venv python3 earlier on PATH usually lacks it), else python3 from PATH.
/// </summary>
public static class TorchPython
{
    /// <summary>The environment variable that overrides the interpreter.</summary>
    public const string EnvironmentVariable = "WNN_PYTHON";

    /// <summary>The interpreter to run the trainer with.</summary>
    public static string Resolve()
    {
        string? configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        return File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
    }
}
