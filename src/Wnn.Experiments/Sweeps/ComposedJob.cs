using Wnn.Experiments.Config.Composition;

namespace Wnn.Experiments.Sweeps;

/// <summary>
/// One job of a sweep over a config directory (the Hydra form), composed on its own: the overrides Hydra's basic sweeper
/// gives it (passed to the command and written to overrides.yaml as they are), its config composed with them and resolved
/// (cfg.yaml), and its run subdirectory (<c>hydra.sweep.subdir</c> resolved with its <c>hydra.job.num</c>).
/// </summary>
/// <param name="Overrides">The job's task overrides in Hydra's order, as text (<c>phase1/latent_space=vq</c>).</param>
/// <param name="Config">The job's config (without <c>hydra</c> and the sweep's own sections), every interpolation resolved.</param>
/// <param name="Subdir">The run directory relative to the sweep directory.</param>
/// <param name="Fingerprint">A hash of the job's composed config before interpolation (part of the sweep's identity, so an
/// edited group option is seen on resume even when no other job uses it).</param>
public sealed record ComposedJob(IReadOnlyList<string> Overrides, ConfigMapping Config, string Subdir, string Fingerprint);
