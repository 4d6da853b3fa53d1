using Wnn.Ram.Model;

namespace Wnn.Ram.Evaluation;

/// <summary>Trains a genome's RAM memory from empty on the training examples and scores the evaluation examples.</summary>
public interface IGenomeEvaluator
{
    /// <summary>The data this evaluator trains and evaluates on.</summary>
    EvaluationData Data { get; }

    /// <summary>Evaluates one genome.</summary>
    EvaluationResult Evaluate(Genome genome, CancellationToken cancellationToken = default);

    /// <summary>
    /// Evaluates <paramref name="child"/>, which was derived from the already evaluated <paramref name="parent"/>
    /// (same data): a fast evaluator recomputes only the clusters that differ. The result equals
    /// <see cref="Evaluate"/> within 1e-9.
    /// </summary>
    EvaluationResult EvaluateDerived(Genome child, Genome parent, CancellationToken cancellationToken = default) =>
        Evaluate(child, cancellationToken);

    /// <summary>
    /// Trains <paramref name="genome"/>'s memory once and returns a function that scores it at any score scale τ
    /// (same data and output bias; the data's own τ is ignored). Used to fit τ (<see cref="ScoreScaleFit"/>).
    /// </summary>
    Func<double, EvaluationResult> ScaleProbe(Genome genome, CancellationToken cancellationToken = default);
}
