namespace Wnn.Contracts;

/// <summary>A group of configuration keys: the part of their name before the last dot.</summary>
/// <param name="Name">Group name, e.g. <c>ga</c>.</param>
/// <param name="Title">Title shown by forms and documentation, e.g. "Genetic algorithm".</param>
/// <param name="Doc">One line on what the group configures.</param>
public sealed record ConfigGroup(string Name, string Title, string Doc);
