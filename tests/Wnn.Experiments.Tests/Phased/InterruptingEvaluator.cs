using Wnn.Ram.Evaluation;
using Wnn.Ram.Model;

namespace Wnn.Experiments.Tests.Phased;

/// <summary>Counts evaluations across all evaluators of a run and cancels the run during evaluation number N.</summary>
internal sealed class EvaluationCounter(int cancelAt, CancellationTokenSource? cts, bool fast = false, int threads = 2)
{
    public int Count { get; private set; }

    public int Derived { get; private set; }

    public IGenomeEvaluator Wrap(EvaluationData data) =>
        new Counting(fast ? new GenomeEvaluator(data, new GenomeEvaluatorOptions { MaxDegreeOfParallelism = threads }) : new ReferenceEvaluator(data), this);

    private void Tick(CancellationToken ct, bool derived)
    {
        Count++;
        Derived += derived ? 1 : 0;
        if (Count == cancelAt)
        {
            cts?.Cancel();
        }

        ct.ThrowIfCancellationRequested();
    }

    private sealed class Counting(IGenomeEvaluator inner, EvaluationCounter counter) : IGenomeEvaluator
    {
        public EvaluationData Data => inner.Data;

        public EvaluationResult Evaluate(Genome genome, CancellationToken cancellationToken = default)
        {
            counter.Tick(cancellationToken, false);
            return inner.Evaluate(genome, cancellationToken);
        }

        public EvaluationResult EvaluateDerived(Genome child, Genome parent, CancellationToken cancellationToken = default)
        {
            counter.Tick(cancellationToken, true);
            return inner.EvaluateDerived(child, parent, cancellationToken);
        }

        public Func<double, EvaluationResult> ScaleProbe(Genome genome, CancellationToken cancellationToken = default) =>
            inner.ScaleProbe(genome, cancellationToken);
    }
}
