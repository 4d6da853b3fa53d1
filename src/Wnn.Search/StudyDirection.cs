namespace Wnn.Search;

/// <summary>Whether an objective is minimized or maximized.</summary>
public enum StudyDirection
{
    /// <summary>Smaller is better.</summary>
    Minimize,

    /// <summary>Larger is better.</summary>
    Maximize,
}
