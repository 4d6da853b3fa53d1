using Wnn.Ram.Model;

namespace Wnn.Ram.Evaluation;

/// <summary>Trains a genome's RAM memory from empty on the training examples and scores the evaluation examples.</summary>
public interface IGenomeEvaluator
{
    /// <summary>The data this evaluator trains and evaluates on.</summary>
    EvaluationData Data { get; }

    /// <summary>Evaluates one genome.</summary>
    EvaluationResult Evaluate(Genome genome, CancellationToken cancellationToken = default);
}
