namespace Wnn.Search;

/// <summary>
/// An enqueued (or <see cref="FixedTrial"/>) value does not fit the distribution the objective suggests it from.
/// <see cref="Study.Optimize(Func{Trial, double}, int?, TimeSpan?, int, IReadOnlyCollection{Type}?, IReadOnlyList{Action{Study, FrozenTrial}}?, CancellationToken)"/>
/// fails that trial with this message as its reason and goes on; a direct <see cref="Trial.Suggest"/> throws it.
/// </summary>
public sealed class EnqueuedValueException : ArgumentException
{
    /// <summary>Creates the exception for a parameter, its given value and the reason it does not fit.</summary>
    public EnqueuedValueException(string parameter, object? value, string reason, Exception? inner = null)
        : base($"The enqueued value {value ?? "null"} of parameter '{parameter}' does not fit: {reason}", inner)
    {
        Parameter = parameter;
        Value = value;
    }

    /// <summary>The parameter name.</summary>
    public string Parameter { get; }

    /// <summary>The enqueued user-facing value.</summary>
    public object? Value { get; }
}
