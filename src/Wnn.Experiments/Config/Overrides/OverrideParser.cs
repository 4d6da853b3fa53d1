namespace Wnn.Experiments.Config.Overrides;

/// <summary>
/// Parses Hydra 1.3 command-line overrides (<c>key=value</c>, <c>+key=v</c>, <c>++key=v</c>, <c>~key[=v]</c>,
/// <c>group@pkg=option</c>, sweeps and functions) into <see cref="Override"/> values. A hand-written lexer and
/// recursive-descent parser that follows Hydra's OverrideLexer.g4/OverrideParser.g4; every error is an
/// <see cref="OverrideParseException"/> with the column and what was expected.
/// </summary>
public sealed partial class OverrideParser
{
    private readonly OverrideLexer _lexer;
    private readonly List<Token> _buffer = [];
    private readonly OverrideFunctions _functions;
    private int _depth;

    private OverrideParser(string text, bool valueMode, int shuffleSeed)
    {
        _lexer = new OverrideLexer(text, valueMode);
        _functions = new OverrideFunctions(shuffleSeed);
    }

    /// <summary>Parses one override; <paramref name="shuffleSeed"/> seeds <c>shuffle([…])</c> of a list, which Hydra shuffles while parsing.</summary>
    public static Override Parse(string text, int shuffleSeed = 0)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new OverrideParser(text, valueMode: false, shuffleSeed).ParseOverride();
    }

    /// <summary>Parses several overrides in order; the first bad one throws.</summary>
    public static IReadOnlyList<Override> ParseAll(IEnumerable<string> overrides, int shuffleSeed = 0)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        return [.. overrides.Select(o => Parse(o, shuffleSeed))];
    }

    /// <summary>Parses just a value (the part after <c>=</c>, Hydra's <c>value</c> rule): an element or a sweep.</summary>
    public static OverrideValue ParseValue(string text, int shuffleSeed = 0)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new OverrideParser(text, valueMode: true, shuffleSeed);
        OverrideValue value = parser.ParseValueRule();
        parser.ExpectEof();
        return value;
    }

    private string Text => _lexer.Text;

    private Token Peek(int k = 0)
    {
        while (_buffer.Count <= k)
        {
            _buffer.Add(_lexer.Next());
        }

        return _buffer[k];
    }

    private Token Take()
    {
        Token t = Peek();
        _buffer.RemoveAt(0);
        return t;
    }

    private bool At(TokenKind kind, int k = 0) => Peek(k).Kind == kind;

    private OverrideParseException Error(Token at, string expected)
    {
        LookPastError();
        return new(Text, at.Start + 1, at.Kind == TokenKind.Eof ? "unexpected end of input" : $"mismatched input '{at.Text}'", expected);
    }

    // ANTLR's error recovery looks one token past a bad one, so a bad character there is reported first (as Hydra does).
    private void LookPastError()
    {
        if (!At(TokenKind.Eof))
        {
            Peek(1);
        }
    }

    private void ExpectEof()
    {
        Token t = Peek();
        if (t.Kind != TokenKind.Eof)
        {
            LookPastError();
            throw new OverrideParseException(Text, t.Start + 1, $"extraneous input '{t.Text}'", "end of input");
        }
    }

    // override: key EQUAL value? | TILDE key (EQUAL value?)? | PLUS PLUS? key EQUAL value?
    private Override ParseOverride()
    {
        OverrideType type = OverrideType.Change;
        if (At(TokenKind.Tilde))
        {
            Take();
            type = OverrideType.Delete;
        }
        else if (At(TokenKind.Plus))
        {
            Take();
            type = OverrideType.Add;
            if (At(TokenKind.Plus))
            {
                Take();
                type = OverrideType.ForceAdd;
            }
        }

        (string key, string? package) = ParseKey();
        OverrideValue? value;
        if (type == OverrideType.Delete && At(TokenKind.Eof))
        {
            value = null;
        }
        else
        {
            if (!At(TokenKind.Equal))
            {
                throw Error(Peek(), type == OverrideType.Delete ? "'=', '@' or end of input" : "'=' or '@'");
            }

            Take();
            value = At(TokenKind.Eof) ? new StringElement("") : ParseValueRule();
        }

        ExpectEof();
        return new Override(type, key, package, value, Text);
    }

    // key: packageOrGroup (AT package)?; packageOrGroup: package | ID (SLASH ID)+; package: (empty | ID | KEY_SPECIAL | DOT_PATH)
    private (string Key, string? Package) ParseKey()
    {
        string key;
        if (At(TokenKind.Id) && At(TokenKind.Slash, 1))
        {
            var parts = new List<string> { Take().Text };
            while (At(TokenKind.Slash))
            {
                Take();
                if (!At(TokenKind.Id))
                {
                    throw Error(Peek(), "a config group name (letters, digits, _ and -) after '/'");
                }

                parts.Add(Take().Text);
            }

            key = string.Join('/', parts);
        }
        else
        {
            key = ParsePackage();
        }

        string? package = null;
        if (At(TokenKind.At))
        {
            Take();
            package = ParsePackage();
        }

        return (key, package);
    }

    private string ParsePackage() =>
        Peek().Kind is TokenKind.Id or TokenKind.KeySpecial or TokenKind.DotPath ? Take().Text : "";
}
