namespace Wnn.Contracts;

/// <summary>An intermediate value of a trial at a step.</summary>
public sealed record StepValue(int Step, double Value);
