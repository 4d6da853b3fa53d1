using Wnn.Experiments.Config;

namespace Wnn.Experiments.Flows;

/// <summary>Applies a flow template (<see cref="FlowTemplateDefinition"/>) to a flow's configuration.</summary>
public static class FlowTemplate
{
    /// <summary>The template named <paramref name="name"/>.</summary>
    /// <exception cref="ConfigException">No such template.</exception>
    public static FlowTemplateDefinition Find(string name) => FlowTemplateDefinition.All.FirstOrDefault(t => t.Name == name)
        ?? throw new ConfigException($"unknown flow template '{name}'; expected one of {string.Join(", ", FlowTemplateDefinition.All.Select(t => t.Name))}");

    /// <summary>
    /// <paramref name="config"/> with the template's phases and settings applied where the flow's config did not give the key
    /// (<paramref name="given"/>: canonical names).
    /// </summary>
    /// <exception cref="ConfigException">The template has no phases and none were given, or a setting names a key this build lacks.</exception>
    public static PhasedConfig Apply(FlowTemplateDefinition template, PhasedConfig config, IReadOnlySet<string> given)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(given);
        if (template.Phases is not null && !given.Contains(ConfigKeys.Phases.Name))
        {
            if (template.Phases.Length == 0)
            {
                throw new ConfigException(
                    $"template '{template.Name}' has no phases: add phases in {ConfigKeys.Phases.Name} (types: {string.Join(", ", Phased.PhasePlan.Types)})");
            }

            config = config with { Phases = template.Phases };
        }

        foreach (var (name, text) in template.Settings.Where(s => !given.Contains(s.Key)))
        {
            ConfigKey key = PhasedConfig.FindKey(name) ?? throw new ConfigException(
                $"template '{template.Name}' sets {name}={text}, a key this build does not have (the bitwise model); choose another template");
            config = key.Set(config, text, $"template '{template.Name}': {name}");
        }

        return config;
    }
}
