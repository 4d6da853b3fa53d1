namespace Wnn.Experiments.Config.Overrides;

/// <summary>Token kinds of Hydra 1.3's OverrideLexer (key mode and value mode share names where Hydra's do).</summary>
internal enum TokenKind
{
    Eof,
    Equal,
    Tilde,
    Plus,
    At,
    Colon,
    Slash,
    Id,
    KeySpecial,
    DotPath,
    POpen,
    Comma,
    PClose,
    BracketOpen,
    BracketClose,
    BraceOpen,
    BraceClose,
    Float,
    Int,
    Bool,
    Null,
    UnquotedChar,
    Esc,
    Ws,
    QuotedValue,
    Interpolation,
}

/// <summary>One token: its kind, its text and its 0-based start.</summary>
internal readonly record struct Token(TokenKind Kind, string Text, int Start);

/// <summary>
/// A hand-written lexer with Hydra's two modes: KEY until the first <c>=</c>, then VALUE. Like ANTLR, each token is the
/// longest match of the mode's rules, ties going to the rule listed first; tokens are produced on demand so that a parse
/// error before a bad character is reported first, as in Hydra.
/// </summary>
internal sealed class OverrideLexer
{
    private const string UnquotedChars = "/-\\+.$%*@?|";
    private const string EscapedChars = "\\()[]{}:=, \t";
    private static readonly TokenKind[] ValueOrder =
    [
        TokenKind.POpen, TokenKind.Comma, TokenKind.PClose, TokenKind.BracketOpen, TokenKind.BracketClose, TokenKind.BraceOpen,
        TokenKind.BraceClose, TokenKind.Colon, TokenKind.Equal, TokenKind.Float, TokenKind.Int, TokenKind.Bool, TokenKind.Null,
        TokenKind.UnquotedChar, TokenKind.Id, TokenKind.Esc, TokenKind.Ws, TokenKind.QuotedValue, TokenKind.Interpolation,
    ];

    private static readonly TokenKind[] KeyOrder =
    [
        TokenKind.Equal, TokenKind.Tilde, TokenKind.Plus, TokenKind.At, TokenKind.Colon, TokenKind.Slash, TokenKind.Id,
        TokenKind.KeySpecial, TokenKind.DotPath,
    ];

    private readonly string _s;
    private int _pos;
    private bool _valueMode;

    public OverrideLexer(string text, bool valueMode)
    {
        _s = text;
        _valueMode = valueMode;
    }

    public string Text => _s;

    public Token Next()
    {
        if (_pos >= _s.Length)
        {
            return new Token(TokenKind.Eof, "<EOF>", _s.Length);
        }

        TokenKind best = TokenKind.Eof;
        int bestLength = 0;
        foreach (TokenKind kind in _valueMode ? ValueOrder : KeyOrder)
        {
            int n = Match(kind, _pos);
            if (n > bestLength)
            {
                best = kind;
                bestLength = n;
            }
        }

        if (bestLength == 0)
        {
            // ANTLR shows the text it tried: the rest of the input for an unclosed quote, else the one character.
            string shown = _valueMode && (_s[_pos] == '\'' || _s[_pos] == '"') ? _s[_pos..] : _s[_pos].ToString();
            throw new OverrideParseException(_s, _pos + 1, $"token recognition error at: '{shown}'", Expected());
        }

        var token = new Token(best, _s.Substring(_pos, bestLength), _pos);
        _pos += bestLength;
        if (!_valueMode && best == TokenKind.Equal)
        {
            _valueMode = true;
        }

        return token;
    }

    private string Expected() =>
        _valueMode
            ? "a value: a letter, digit, quote, one of /-\\+.$%*@?|:, a bracket, or an escape such as \\, (other characters must be quoted or escaped)"
            : "a key: letters, digits, _ - $ and dots, a group path a/b, or one of = ~ + @";

    private int Match(TokenKind kind, int i) =>
        kind switch
        {
            TokenKind.Equal => _valueMode ? Around(i, '=', true, true) : Around(i, '=', false, true),
            TokenKind.Tilde => Char(i, '~'),
            TokenKind.Plus => Char(i, '+'),
            TokenKind.At => Char(i, '@'),
            TokenKind.Colon => _valueMode ? Around(i, ':', true, true) : Char(i, ':'),
            TokenKind.Slash => Char(i, '/'),
            TokenKind.Id => Id(i),
            TokenKind.KeySpecial => KeySpecial(i),
            TokenKind.DotPath => DotPath(i),
            TokenKind.POpen => Around(i, '(', true, true),
            TokenKind.Comma => Around(i, ',', true, true),
            TokenKind.PClose => Around(i, ')', true, false),
            TokenKind.BracketOpen => Around(i, '[', false, true),
            TokenKind.BracketClose => Around(i, ']', true, false),
            TokenKind.BraceOpen => Around(i, '{', false, true),
            TokenKind.BraceClose => Around(i, '}', true, false),
            TokenKind.Float => Float(i),
            TokenKind.Int => Int(i),
            TokenKind.Bool => Word(i, "true") > 0 ? 4 : Word(i, "false"),
            TokenKind.Null => Word(i, "null"),
            TokenKind.UnquotedChar => i < _s.Length && UnquotedChars.Contains(_s[i], StringComparison.Ordinal) ? 1 : 0,
            TokenKind.Esc => Esc(i),
            TokenKind.Ws => Ws(i),
            TokenKind.QuotedValue => Quoted(i),
            TokenKind.Interpolation => Interpolation(i),
            _ => 0,
        };

    private int Ws(int i)
    {
        int j = i;
        while (j < _s.Length && (_s[j] == ' ' || _s[j] == '\t'))
        {
            j++;
        }

        return j - i;
    }

    private int Char(int i, char c) => i < _s.Length && _s[i] == c ? 1 : 0;

    // WS? c WS? with either side optional.
    private int Around(int i, char c, bool before, bool after)
    {
        int j = i + (before ? Ws(i) : 0);
        if (j >= _s.Length || _s[j] != c)
        {
            return 0;
        }

        j++;
        if (after)
        {
            j += Ws(j);
        }

        return j - i;
    }

    private int Word(int i, string word) =>
        i + word.Length <= _s.Length && string.Compare(_s, i, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) == 0 ? word.Length : 0;

    private static bool IsChar(char c) => char.IsAsciiLetter(c);

    private int Id(int i)
    {
        if (i >= _s.Length || !(IsChar(_s[i]) || _s[i] == '_'))
        {
            return 0;
        }

        int j = i + 1;
        while (j < _s.Length && (IsChar(_s[j]) || char.IsAsciiDigit(_s[j]) || _s[j] == '_' || _s[j] == '-'))
        {
            j++;
        }

        return j - i;
    }

    private int KeySpecial(int i)
    {
        if (i >= _s.Length || !(IsChar(_s[i]) || _s[i] == '_' || _s[i] == '$'))
        {
            return 0;
        }

        int j = i + 1;
        while (j < _s.Length && (IsChar(_s[j]) || char.IsAsciiDigit(_s[j]) || _s[j] == '_' || _s[j] == '-' || _s[j] == '$'))
        {
            j++;
        }

        return j - i;
    }

    private int DotPath(int i)
    {
        int seg = Math.Max(KeySpecial(i), IntUnsigned(i));
        if (seg == 0)
        {
            return 0;
        }

        int j = i + seg;
        int dots = 0;
        while (j < _s.Length && _s[j] == '.')
        {
            int next = Math.Max(KeySpecial(j + 1), IntUnsigned(j + 1));
            if (next == 0)
            {
                break;
            }

            j += 1 + next;
            dots++;
        }

        return dots > 0 ? j - i : 0;
    }

    // '0' | [1-9] ('_'? DIGIT)*
    private int IntUnsigned(int i)
    {
        if (i >= _s.Length || !char.IsAsciiDigit(_s[i]))
        {
            return 0;
        }

        if (_s[i] == '0')
        {
            return 1;
        }

        return DigitRun(i) - i;
    }

    // DIGIT ('_'? DIGIT)* starting at a digit; returns the end index.
    private int DigitRun(int i)
    {
        int j = i + 1;
        while (j < _s.Length)
        {
            if (char.IsAsciiDigit(_s[j]))
            {
                j++;
            }
            else if (_s[j] == '_' && j + 1 < _s.Length && char.IsAsciiDigit(_s[j + 1]))
            {
                j += 2;
            }
            else
            {
                break;
            }
        }

        return j;
    }

    private int Sign(int i) => i < _s.Length && (_s[i] == '+' || _s[i] == '-') ? 1 : 0;

    private int Int(int i)
    {
        int p = i + Sign(i);
        int u = IntUnsigned(p);
        return u > 0 ? p + u - i : 0;
    }

    private int Float(int i)
    {
        int p = i + Sign(i);
        int best = 0;
        if (Word(p, "inf") > 0 || Word(p, "nan") > 0)
        {
            best = p + 3 - i;
        }

        int u = IntUnsigned(p);
        int pointEnd = -1;
        if (p + u < _s.Length && _s[p + u] == '.')
        {
            int afterDot = p + u + 1;
            if (afterDot < _s.Length && char.IsAsciiDigit(_s[afterDot]))
            {
                pointEnd = DigitRun(afterDot);
            }
            else if (u > 0)
            {
                pointEnd = afterDot;
            }
        }

        if (pointEnd > 0)
        {
            best = Math.Max(best, pointEnd - i);
            best = Math.Max(best, Exponent(pointEnd) is int e && e > 0 ? e - i : 0);
        }

        if (u > 0)
        {
            best = Math.Max(best, Exponent(p + u) is int e && e > 0 ? e - i : 0);
        }

        return best;
    }

    // [eE] [+-]? DIGIT ('_'? DIGIT)*; returns the end index or 0.
    private int Exponent(int i)
    {
        if (i >= _s.Length || (_s[i] != 'e' && _s[i] != 'E'))
        {
            return 0;
        }

        int j = i + 1 + Sign(i + 1);
        return j < _s.Length && char.IsAsciiDigit(_s[j]) ? DigitRun(j) : 0;
    }

    private int Esc(int i)
    {
        int j = i;
        while (j + 1 < _s.Length && _s[j] == '\\' && EscapedChars.Contains(_s[j + 1], StringComparison.Ordinal))
        {
            j += 2;
        }

        return j - i;
    }

    // A quote, then the shortest content whose trailing run of backslashes is even, then the same quote.
    private int Quoted(int i)
    {
        if (i >= _s.Length || (_s[i] != '\'' && _s[i] != '"'))
        {
            return 0;
        }

        char q = _s[i];
        int backslashes = 0;
        for (int j = i + 1; j < _s.Length; j++)
        {
            char c = _s[j];
            if (c == q && backslashes % 2 == 0)
            {
                return j + 1 - i;
            }

            backslashes = c == '\\' ? backslashes + 1 : 0;
        }

        return 0;
    }

    private int Interpolation(int i)
    {
        if (i + 1 >= _s.Length || _s[i] != '$' || _s[i + 1] != '{')
        {
            return 0;
        }

        int close = _s.IndexOf('}', i + 2);
        return close > i + 2 ? close + 1 - i : 0;
    }
}
