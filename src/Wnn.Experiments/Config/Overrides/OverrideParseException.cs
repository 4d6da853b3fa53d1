namespace Wnn.Experiments.Config.Overrides;

/// <summary>
/// The one error of the override parser: the override text, the 1-based <see cref="Column"/> where the problem is,
/// and what was <see cref="Expected"/> there. The message is one line, e.g.
/// <c>override 'key=[]aa': column 7: extraneous input 'aa'; expected end of input</c>.
/// </summary>
public sealed class OverrideParseException : WnnException
{
    /// <summary>Creates the exception; the message is built from the parts.</summary>
    public OverrideParseException(string overrideText, int column, string problem, string expected)
        : base($"override '{overrideText}': column {column}: {problem}" + (expected.Length > 0 ? $"; expected {expected}" : ""))
    {
        OverrideText = overrideText;
        Column = column;
        Problem = problem;
        Expected = expected;
    }

    /// <summary>Creates the exception.</summary>
    public OverrideParseException() : this("", 1, "invalid override", "")
    {
    }

    /// <summary>Creates the exception.</summary>
    public OverrideParseException(string message) : base(message)
    {
        OverrideText = "";
        Column = 1;
        Problem = message;
        Expected = "";
    }

    /// <summary>Creates the exception.</summary>
    public OverrideParseException(string message, Exception innerException) : base(message, innerException)
    {
        OverrideText = "";
        Column = 1;
        Problem = message;
        Expected = "";
    }

    /// <summary>The override as given.</summary>
    public string OverrideText { get; }

    /// <summary>1-based column of the offending character or token.</summary>
    public int Column { get; }

    /// <summary>What is wrong there, e.g. <c>token recognition error at: '''</c>.</summary>
    public string Problem { get; }

    /// <summary>What the grammar accepts there (empty when the problem is a value, e.g. a bad cast).</summary>
    public string Expected { get; }
}
