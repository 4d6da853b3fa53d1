namespace Wnn.Experiments.Sweeps;

/// <summary>How a trial's overrides reach its command line (they are always in cfg.yaml, overrides.yaml and the environment).</summary>
public enum OverrideStyle
{
    /// <summary>Hydra-style arguments: <c>key=value</c> (default).</summary>
    Hydra,

    /// <summary>GNU-style flags: <c>--key value</c>.</summary>
    Flags,

    /// <summary>Nothing on the command line; the trial reads cfg.yaml or WNN_CONFIG.</summary>
    None,
}
