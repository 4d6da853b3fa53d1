namespace Wnn.Experiments.Config.Composition;

/// <summary>What a composition takes from outside the config files: the clock, the job and the environment.</summary>
public sealed record ConfigCompositionContext
{
    /// <summary>The time <c>${now:…}</c> formats. A sweep passes one value to all its jobs, so that they share one
    /// sweep directory.</summary>
    public required DateTimeOffset Now { get; init; }

    /// <summary><c>hydra.job.num</c>: the job's index in its sweep; null leaves it missing (<c>???</c>), as in a single run.</summary>
    public int? JobNum { get; init; }

    /// <summary><c>hydra.job.id</c>: the launcher's id of the job; null uses the job number, if any.</summary>
    public string? JobId { get; init; }

    /// <summary><c>hydra.job.name</c> when the config does not set it; null uses the config name (or <c>wnn</c>).</summary>
    public string? JobName { get; init; }

    /// <summary>Looks up an environment variable for <c>${oc.env:NAME}</c>; null means unset.</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>A context at the current local time with the process environment.</summary>
    public static ConfigCompositionContext AtNow() => new() { Now = DateTimeOffset.Now };
}
