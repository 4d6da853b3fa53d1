namespace Wnn.Experiments.Search;

/// <summary>Receives progress of a phased search (called on the search thread; keep it quick).</summary>
public interface ISearchProgress
{
    /// <summary>A progress update.</summary>
    void Report(SearchProgress progress);
}
