namespace Wnn.Storage;

/// <summary>Outcome of a checkpoint deletion.</summary>
public enum CheckpointDeleteResult
{
    /// <summary>Row and file removed.</summary>
    Deleted,

    /// <summary>No checkpoint with that id.</summary>
    NotFound,

    /// <summary>Refused: flows reference it and deletion was not forced.</summary>
    Referenced,
}
