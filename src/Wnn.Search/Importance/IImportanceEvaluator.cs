namespace Wnn.Search.Importance;

/// <summary>Scores how much each parameter explains the objective over a study's complete trials.</summary>
public interface IImportanceEvaluator
{
    /// <summary>
    /// Importance per parameter (non-negative, summing to 1), largest first. Uses the parameters present in every complete
    /// trial (or the listed ones, which must be), and the objective value unless a target is given (required for several objectives).
    /// </summary>
    IReadOnlyDictionary<string, double> Evaluate(Study study, IReadOnlyList<string>? parameters = null, Func<FrozenTrial, double>? target = null);
}
