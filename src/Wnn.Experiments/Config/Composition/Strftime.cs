using System.Globalization;
using System.Text;

namespace Wnn.Experiments.Config.Composition;

/// <summary>Python's <c>datetime.strftime</c> for the <c>${now:FORMAT}</c> resolver (C locale).</summary>
internal static class Strftime
{
    /// <exception cref="ConfigCompositionException">An unknown directive.</exception>
    public static string Format(DateTimeOffset time, string format)
    {
        var text = new StringBuilder();
        CultureInfo c = CultureInfo.InvariantCulture;
        for (int i = 0; i < format.Length; i++)
        {
            if (format[i] != '%' || i == format.Length - 1)
            {
                text.Append(format[i]);
                continue;
            }

            char directive = format[++i];
            text.Append(directive switch
            {
                'Y' => time.Year.ToString("0000", c),
                'y' => (time.Year % 100).ToString("00", c),
                'm' => time.Month.ToString("00", c),
                'd' => time.Day.ToString("00", c),
                'H' => time.Hour.ToString("00", c),
                'I' => (((time.Hour + 11) % 12) + 1).ToString("00", c),
                'M' => time.Minute.ToString("00", c),
                'S' => time.Second.ToString("00", c),
                'f' => (time.Ticks % TimeSpan.TicksPerSecond / 10).ToString("000000", c),
                'p' => time.Hour < 12 ? "AM" : "PM",
                'j' => time.DayOfYear.ToString("000", c),
                'a' => time.ToString("ddd", c),
                'A' => time.ToString("dddd", c),
                'b' => time.ToString("MMM", c),
                'B' => time.ToString("MMMM", c),
                'w' => ((int)time.DayOfWeek).ToString(c),
                'z' => (time.Offset < TimeSpan.Zero ? "-" : "+") + time.Offset.ToString("hhmm", c),
                'F' => time.ToString("yyyy-MM-dd", c),
                'T' => time.ToString("HH:mm:ss", c),
                '%' => "%",
                _ => throw new ConfigCompositionException(
                    $"${{now:{format}}}: unsupported directive '%{directive}' (supported: %Y %y %m %d %H %I %M %S %f %p %j %a %A %b %B %w %z %F %T %%)"),
            });
        }

        return text.ToString();
    }
}
