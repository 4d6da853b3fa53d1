namespace Wnn.Ram.Text;

/// <summary>Tokenized training and evaluation data with the tokenizer that produced them.</summary>
/// <param name="Tokenizer">The tokenizer; its vocabulary size is the model's V.</param>
/// <param name="TrainTokens">Training tokens (after the cap).</param>
/// <param name="EvalTokens">Evaluation tokens (after the cap).</param>
/// <param name="Description">One line naming the sources, tokenizer and token counts, for logs and reports.</param>
public sealed record LoadedData(ITokenizer Tokenizer, int[] TrainTokens, int[] EvalTokens, string Description);
