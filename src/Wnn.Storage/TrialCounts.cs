using Wnn.Search;

namespace Wnn.Storage;

/// <summary>
/// What a study list shows, aggregated in SQL: trials by state, the best complete trial of a single-objective study
/// (lowest number among ties, NaN and infinite values skipped) and the earliest start.
/// </summary>
public sealed record TrialCounts(
    int Total, IReadOnlyDictionary<TrialState, int> ByState, int? BestNumber, double? BestValue, DateTimeOffset? FirstStarted);
