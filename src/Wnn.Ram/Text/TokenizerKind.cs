namespace Wnn.Ram.Text;

/// <summary>Which tokenizer a <see cref="DataOptions"/> asks for.</summary>
public enum TokenizerKind
{
    /// <summary>GPT-2 byte-level BPE (V = 50,257).</summary>
    Gpt2,

    /// <summary>Words with a vocabulary built from the training text (or read from a vocabulary file).</summary>
    Word,

    /// <summary>Characters (Unicode scalar values) of the training text.</summary>
    Character,
}
