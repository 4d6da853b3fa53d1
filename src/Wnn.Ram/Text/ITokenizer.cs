namespace Wnn.Ram.Text;

/// <summary>Turns text into token ids in [0, <see cref="VocabularySize"/>) and back.</summary>
public interface ITokenizer
{
    /// <summary>
    /// Identifies the tokenizer together with its vocabulary: two tokenizers with the same name encode every text the
    /// same way (the token cache relies on it).
    /// </summary>
    string Name { get; }

    /// <summary>Number of token ids (V).</summary>
    int VocabularySize { get; }

    /// <summary>Id of the end-of-text token, or null when the tokenizer has none.</summary>
    int? EndOfText { get; }

    /// <summary>Encodes <paramref name="text"/> into token ids.</summary>
    int[] Encode(string text);

    /// <summary>Decodes token ids back into text.</summary>
    string Decode(ReadOnlySpan<int> tokens);
}
