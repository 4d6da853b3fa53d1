namespace Wnn.Search.TestProblems;

/// <summary>A standard optimization test function in define-by-run form, with its directions and known optimum.</summary>
public sealed class TestProblem
{
    internal TestProblem(string name, int dimensions, IReadOnlyList<StudyDirection> directions, double? optimum, Func<Trial, IReadOnlyList<double>> evaluate)
    {
        Name = name;
        Dimensions = dimensions;
        Directions = directions;
        KnownOptimum = optimum;
        Evaluate = evaluate;
    }

    /// <summary>Catalog name, e.g. "sphere".</summary>
    public string Name { get; }

    /// <summary>Number of parameters (x0, x1, ...).</summary>
    public int Dimensions { get; }

    /// <summary>One direction per objective.</summary>
    public IReadOnlyList<StudyDirection> Directions { get; }

    /// <summary>The global minimum of a single-objective problem, when known.</summary>
    public double? KnownOptimum { get; }

    /// <summary>Suggests the parameters through the trial and returns the objective values.</summary>
    public Func<Trial, IReadOnlyList<double>> Evaluate { get; }

    /// <summary>For two-objective problems: the reference point used to score a front by hypervolume.</summary>
    public IReadOnlyList<double>? HypervolumeReference { get; internal init; }
}
