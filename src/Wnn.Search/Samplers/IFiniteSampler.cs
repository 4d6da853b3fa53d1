namespace Wnn.Search.Samplers;

/// <summary>A sampler with a finite number of distinct proposals; <see cref="Study.Optimize(Func{Trial, double}, int?, TimeSpan?, int, IReadOnlyCollection{Type}?, IReadOnlyList{Action{Study, FrozenTrial}}?, CancellationToken)"/> stops when it is exhausted.</summary>
public interface IFiniteSampler : ISampler
{
    /// <summary>True when every proposal has been evaluated (finished trials).</summary>
    bool IsExhausted(Study study);
}
