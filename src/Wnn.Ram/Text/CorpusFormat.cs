namespace Wnn.Ram.Text;

/// <summary>How a corpus file is turned into text.</summary>
public enum CorpusFormat
{
    /// <summary>WikiText token file: non-blank lines joined with a single space, otherwise as is.</summary>
    WikiText,

    /// <summary>Plain UTF-8 text: non-blank lines joined with a single space.</summary>
    Text,

    /// <summary>Brown corpus <c>word/tag</c> tokens (a file, or a directory of files named like ca01): words joined by spaces.</summary>
    Brown,
}
