namespace Wnn.Experiments.Phased;

/// <summary>The progressive accuracy threshold: thr(g) = start + min(1, g/reference)·delta.</summary>
public static class AccuracyThreshold
{
    /// <summary>The threshold at generation or iteration <paramref name="generation"/>.</summary>
    public static double At(double start, double delta, int reference, int generation) =>
        start + (Math.Min(1.0, (double)generation / Math.Max(1, reference)) * delta);
}
