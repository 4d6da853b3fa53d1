namespace Wnn.Reports.Plots;

/// <summary>How a series is drawn.</summary>
public enum SeriesStyle
{
    /// <summary>Markers only.</summary>
    Markers,

    /// <summary>Straight lines through each path's points.</summary>
    Line,

    /// <summary>Lines with a marker at each path's last point (learning curves that stopped).</summary>
    LineEndMarker,

    /// <summary>A staircase through the points (best so far).</summary>
    Step,
}
