namespace Wnn.Experiments.Phased;

/// <summary>Adaptive pressure level of the GA when progress stalls.</summary>
public enum PressureLevel
{
    /// <summary>Progressing: base population and mutation rate.</summary>
    Normal,

    /// <summary>Stalling: population ×1.15, mutation rate ×1.5.</summary>
    Warning,

    /// <summary>About to stop: population ×1.3, mutation rate ×2.</summary>
    Critical,
}
