using System.Globalization;
using System.Text;
using Wnn.Experiments.Config;

namespace Wnn.Experiments.Sweeps;

/// <summary>
/// The small subset of OmegaConf interpolation sweep directories need: <c>${now:%Y%m%d-%H%M%S}</c> (strftime's %Y %y %m %d %H
/// %M %S %j %%) and <c>${a.b.c}</c> looked up by a callback; <c>${hydra.job.num}</c> is left for the job's subdirectory.
/// </summary>
public static class Interpolation
{
    /// <summary>Resolves every <c>${…}</c> in <paramref name="template"/>; an unknown key is a <see cref="ConfigException"/> naming it.</summary>
    public static string Resolve(string template, DateTimeOffset now, Func<string, string?> lookup, string where)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(lookup);
        var text = new StringBuilder();
        int i = 0;
        int depth = 0;
        while (i < template.Length)
        {
            int start = template.IndexOf("${", i, StringComparison.Ordinal);
            if (start < 0)
            {
                text.Append(template, i, template.Length - i);
                break;
            }

            text.Append(template, i, start - i);
            int end = template.IndexOf('}', start);
            if (end < 0)
            {
                throw new ConfigException($"{where}: unclosed interpolation in '{template}'");
            }

            string key = template[(start + 2)..end].Trim();
            if (key == "hydra.job.num" || key == "job")
            {
                text.Append("${").Append(key).Append('}');
            }
            else if (key.StartsWith("now:", StringComparison.Ordinal))
            {
                text.Append(Strftime(key[4..], now));
            }
            else
            {
                string value = lookup(key) ?? throw new ConfigException($"{where}: cannot resolve ${{{key}}} in '{template}' (no such key in the config)");
                if (value.Contains("${", StringComparison.Ordinal) && ++depth < 10)
                {
                    value = Resolve(value, now, lookup, where);
                }

                text.Append(value);
            }

            i = end + 1;
        }

        return text.ToString();
    }

    /// <summary>Formats a time with strftime directives (%Y %y %m %d %H %M %S %j %%).</summary>
    public static string Strftime(string format, DateTimeOffset t)
    {
        var text = new StringBuilder();
        IFormatProvider inv = CultureInfo.InvariantCulture;
        for (int i = 0; i < format.Length; i++)
        {
            if (format[i] != '%' || i + 1 == format.Length)
            {
                text.Append(format[i]);
                continue;
            }

            char c = format[++i];
            text.Append(c switch
            {
                'Y' => t.Year.ToString("D4", inv),
                'y' => (t.Year % 100).ToString("D2", inv),
                'm' => t.Month.ToString("D2", inv),
                'd' => t.Day.ToString("D2", inv),
                'H' => t.Hour.ToString("D2", inv),
                'M' => t.Minute.ToString("D2", inv),
                'S' => t.Second.ToString("D2", inv),
                'j' => t.DayOfYear.ToString("D3", inv),
                '%' => "%",
                _ => "%" + c,
            });
        }

        return text.ToString();
    }
}
