namespace Wnn.Search;

/// <summary>A study as stored: id, name and directions.</summary>
public sealed record StudySummary(long Id, string Name, IReadOnlyList<StudyDirection> Directions);
