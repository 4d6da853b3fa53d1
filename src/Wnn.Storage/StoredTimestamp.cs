namespace Wnn.Storage;

/// <summary>Parses the text timestamps Microsoft.Data.Sqlite writes: <c>yyyy-MM-dd HH:mm:ss[.FFFFFFF]</c>, taken as UTC.</summary>
internal static class StoredTimestamp
{
    public static bool TryParse(ReadOnlySpan<char> text, out DateTime value)
    {
        value = default;
        if (text.Length < 19 || text[4] != '-' || text[7] != '-' || (text[10] != ' ' && text[10] != 'T') || text[13] != ':' || text[16] != ':')
        {
            return false;
        }

        if (!Digits(text[..4], out int year) || !Digits(text.Slice(5, 2), out int month) || !Digits(text.Slice(8, 2), out int day)
            || !Digits(text.Slice(11, 2), out int hour) || !Digits(text.Slice(14, 2), out int minute) || !Digits(text.Slice(17, 2), out int second))
        {
            return false;
        }

        long fractionTicks = 0;
        if (text.Length > 19)
        {
            ReadOnlySpan<char> fraction = text[20..];
            if (text[19] != '.' || fraction.Length is 0 or > 7 || !Digits(fraction, out int digits))
            {
                return false;
            }

            fractionTicks = digits;
            for (int i = fraction.Length; i < 7; i++)
            {
                fractionTicks *= 10;
            }
        }

        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        value = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).AddTicks(fractionTicks);
        return true;
    }

    private static bool Digits(ReadOnlySpan<char> span, out int value)
    {
        value = 0;
        foreach (char c in span)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }
}
