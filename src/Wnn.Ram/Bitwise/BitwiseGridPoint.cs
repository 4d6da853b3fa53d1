namespace Wnn.Ram.Bitwise;

/// <summary>One configuration of a bitwise n × b grid: its metrics and the wall and process CPU seconds of its evaluation.</summary>
public sealed record BitwiseGridPoint(int Neurons, int Bits, double CrossEntropy, double Accuracy, double Seconds, double CpuSeconds);
