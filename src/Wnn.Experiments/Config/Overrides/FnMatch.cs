namespace Wnn.Experiments.Config.Overrides;

/// <summary>Shell-style matching as Python's fnmatch on POSIX (case-sensitive): <c>*</c>, <c>?</c>, <c>[seq]</c>, <c>[!seq]</c>.</summary>
internal static class FnMatch
{
    public static bool IsMatch(string name, string pattern) => Match(name, 0, pattern, 0);

    private static bool Match(string s, int si, string p, int pi)
    {
        while (pi < p.Length)
        {
            char c = p[pi];
            if (c == '*')
            {
                while (pi < p.Length && p[pi] == '*')
                {
                    pi++;
                }

                if (pi == p.Length)
                {
                    return true;
                }

                for (int k = si; k <= s.Length; k++)
                {
                    if (Match(s, k, p, pi))
                    {
                        return true;
                    }
                }

                return false;
            }

            if (si >= s.Length)
            {
                return false;
            }

            if (c == '?')
            {
                si++;
                pi++;
                continue;
            }

            if (c == '[' && TryClass(p, pi, s[si], out bool matched, out int next))
            {
                if (!matched)
                {
                    return false;
                }

                si++;
                pi = next;
                continue;
            }

            if (s[si] != c)
            {
                return false;
            }

            si++;
            pi++;
        }

        return si == s.Length;
    }

    // A bracket expression as fnmatch.translate reads it: '!' negates, a ']' right after '[' or '[!' is literal,
    // 'a-z' is a range; an unclosed '[' is a literal character.
    private static bool TryClass(string p, int start, char ch, out bool matched, out int next)
    {
        int j = start + 1;
        bool negate = j < p.Length && p[j] == '!';
        if (negate)
        {
            j++;
        }

        int first = j;
        if (j < p.Length && p[j] == ']')
        {
            j++;
        }

        while (j < p.Length && p[j] != ']')
        {
            j++;
        }

        if (j >= p.Length)
        {
            matched = false;
            next = start;
            return false;
        }

        bool hit = false;
        for (int k = first; k < j; k++)
        {
            if (k + 2 < j && p[k + 1] == '-')
            {
                hit |= ch >= p[k] && ch <= p[k + 2];
                k += 2;
            }
            else
            {
                hit |= ch == p[k];
            }
        }

        matched = hit != negate;
        next = j + 1;
        return true;
    }
}
