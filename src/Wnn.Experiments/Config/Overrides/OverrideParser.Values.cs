using System.Globalization;
using System.Text;

namespace Wnn.Experiments.Config.Overrides;

/// <summary>The value rules: element, simple choice sweep, function call, list, dict, primitive.</summary>
public sealed partial class OverrideParser
{
    // Deeper input is refused rather than risking the stack (an uncatchable crash).
    private const int MaxDepth = 1_000;

    private const string ValueExpected = "a value: a string, number, quoted string, [list], {dict} or function call";

    private static bool IsPrimitiveToken(TokenKind kind, bool dictKey) =>
        kind switch
        {
            TokenKind.Id or TokenKind.Null or TokenKind.Int or TokenKind.Float or TokenKind.Bool or TokenKind.UnquotedChar
                or TokenKind.Esc or TokenKind.Ws => true,
            TokenKind.Interpolation or TokenKind.Colon => !dictKey,
            _ => false,
        };

    // value: element | element (COMMA element)+
    private OverrideValue ParseValueRule()
    {
        Token first = Peek();
        OverrideValue element = ParseElement();
        if (!At(TokenKind.Comma))
        {
            return element;
        }

        var items = new List<OverrideElement> { RequireElement(element, first, "an item of a choice sweep a,b,c") };
        while (At(TokenKind.Comma))
        {
            Take();
            Token start = Peek();
            items.Add(RequireElement(ParseElement(), start, "an item of a choice sweep a,b,c"));
        }

        return new ChoiceSweep(new ValueList<OverrideElement>(items), SimpleForm: true, Shuffle: false, ValueList<string>.Empty);
    }

    private OverrideElement RequireElement(OverrideValue value, Token at, string where) =>
        value as OverrideElement
        ?? throw new OverrideParseException(Text, at.Start + 1, $"a sweep cannot be {where} (nesting sweeps is not supported)", "a plain value");

    // element: primitive | listContainer | dictContainer | function
    private OverrideValue ParseElement()
    {
        Token t = Peek();
        if (++_depth > MaxDepth)
        {
            throw new OverrideParseException(Text, t.Start + 1, $"values nest deeper than {MaxDepth} levels", "fewer nested lists, dicts or function calls");
        }

        try
        {
            return ParseElementAt(t);
        }
        finally
        {
            _depth--;
        }
    }

    private OverrideValue ParseElementAt(Token t)
    {
        switch (t.Kind)
        {
            case TokenKind.BracketOpen:
                return ParseList();
            case TokenKind.BraceOpen:
                return ParseDict();
            case TokenKind.QuotedValue:
                Take();
                return new QuotedStringElement(UnescapeQuoted(t.Text), t.Text[0]);
            case TokenKind.Id when At(TokenKind.POpen, 1):
                return ParseFunction();
            default:
                if (IsPrimitiveToken(t.Kind, dictKey: false))
                {
                    return ParsePrimitive(dictKey: false);
                }

                throw t.Kind == TokenKind.Eof
                    ? new OverrideParseException(Text, t.Start + 1, "unexpected end of input", ValueExpected)
                    : new OverrideParseException(Text, t.Start + 1, $"no viable alternative at input '{t.Text}'", ValueExpected);
        }
    }

    private ListElement ParseList()
    {
        Take();
        var items = new List<OverrideElement>();
        if (!At(TokenKind.BracketClose))
        {
            while (true)
            {
                Token start = Peek();
                items.Add(RequireElement(ParseElement(), start, "a list item"));
                if (At(TokenKind.Comma))
                {
                    Take();
                    continue;
                }

                if (At(TokenKind.BracketClose))
                {
                    break;
                }

                throw Error(Peek(), "',' or ']'");
            }
        }

        Take();
        return new ListElement(new ValueList<OverrideElement>(items));
    }

    private DictElement ParseDict()
    {
        Take();
        var entries = new List<KeyValuePair<OverrideElement, OverrideElement>>();
        if (!At(TokenKind.BraceClose))
        {
            while (true)
            {
                if (!IsPrimitiveToken(Peek().Kind, dictKey: true))
                {
                    throw Peek().Kind == TokenKind.Eof
                        ? Error(Peek(), "a dictionary key")
                        : new OverrideParseException(Text, Peek().Start + 1, $"no viable alternative at input '{Peek().Text}'",
                            "a dictionary key (unquoted: letters, digits, /-\\+.$%*@?| and escapes; keys cannot be quoted)");
                }

                OverrideElement key = ParsePrimitive(dictKey: true);
                if (!At(TokenKind.Colon))
                {
                    throw Error(Peek(), "':' after the dictionary key");
                }

                Take();
                Token start = Peek();
                OverrideElement value = RequireElement(ParseElement(), start, "a dictionary value");
                int existing = entries.FindIndex(e => PythonOrder.PyEquals(e.Key, key));
                if (existing >= 0)
                {
                    // As a Python dict: a repeated key (1, 1.0 and true are one key) keeps its first place and spelling
                    // and takes the last value.
                    entries[existing] = new(entries[existing].Key, value);
                }
                else
                {
                    entries.Add(new(key, value));
                }

                if (At(TokenKind.Comma))
                {
                    Take();
                    continue;
                }

                if (At(TokenKind.BraceClose))
                {
                    break;
                }

                throw Error(Peek(), "',' or '}'");
            }
        }

        Take();
        return new DictElement(new ValueList<KeyValuePair<OverrideElement, OverrideElement>>(entries));
    }

    // function: ID POPEN (argName? element (COMMA argName? element)*)? PCLOSE; argName: ID EQUAL
    private OverrideValue ParseFunction()
    {
        Token name = Take();
        Take();
        var args = new List<OverrideValue>();
        var kwargs = new List<KeyValuePair<string, OverrideValue>>();
        if (!At(TokenKind.PClose))
        {
            while (true)
            {
                Token start = Peek();
                if (At(TokenKind.Id) && At(TokenKind.Equal, 1))
                {
                    string argName = Take().Text;
                    Take();
                    kwargs.Add(new(argName, Unquote(ParseElement())));
                }
                else
                {
                    OverrideValue arg = ParseElement();
                    if (kwargs.Count > 0)
                    {
                        throw new OverrideParseException(Text, start.Start + 1, "positional argument follows keyword argument", "name=value");
                    }

                    args.Add(Unquote(arg));
                }

                if (At(TokenKind.Comma))
                {
                    Take();
                    continue;
                }

                if (At(TokenKind.PClose))
                {
                    break;
                }

                throw Error(Peek(), "',' or ')'");
            }
        }

        Token close = Take();
        string source = Text[name.Start..(close.Start + close.Text.Length)];
        return _functions.Call(name.Text, args, kwargs, source, Text, name.Start + 1);
    }

    // Hydra passes top-level quoted arguments to functions as plain strings (quotes inside lists stay).
    private static OverrideValue Unquote(OverrideValue v) => v is QuotedStringElement q ? new StringElement(q.Text) : v;

    // primitive / dictKey: a run of tokens; one token keeps its type, several are joined into a string, outer whitespace dropped.
    private OverrideElement ParsePrimitive(bool dictKey)
    {
        Token first = Peek();
        var tokens = new List<Token>();
        while (IsPrimitiveToken(Peek().Kind, dictKey))
        {
            tokens.Add(Take());
        }

        int from = 0, to = tokens.Count;
        if (tokens[0].Kind == TokenKind.Ws)
        {
            if (tokens.Count == 1)
            {
                throw new OverrideParseException(Text, first.Start + 1, "Trying to parse a primitive that is all whitespaces", ValueExpected);
            }

            from = 1;
        }

        if (tokens[^1].Kind == TokenKind.Ws)
        {
            to--;
        }

        if (to - from > 1)
        {
            var sb = new StringBuilder();
            for (int k = from; k < to; k++)
            {
                sb.Append(tokens[k].Kind == TokenKind.Esc ? Unescape(tokens[k].Text) : tokens[k].Text);
            }

            return new StringElement(sb.ToString());
        }

        Token t = tokens[from];
        switch (t.Kind)
        {
            case TokenKind.Int:
                return long.TryParse(t.Text.Replace("_", "", StringComparison.Ordinal), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long l)
                    ? new IntElement(l)
                    : throw new OverrideParseException(Text, t.Start + 1, $"integer '{t.Text}' does not fit in 64 bits", "an integer from -9223372036854775808 to 9223372036854775807, or quote it as a string");
            case TokenKind.Float:
                return new FloatElement(PythonFloat.TryParse(t.Text, out double d) ? d : double.NaN);
            case TokenKind.Bool:
                return new BoolElement(t.Text.Equals("true", StringComparison.OrdinalIgnoreCase));
            case TokenKind.Null:
                return NullElement.Instance;
            case TokenKind.Esc:
                return new StringElement(Unescape(t.Text));
            default:
                return new StringElement(t.Text);
        }
    }

    // An ESC token is pairs "\x"; the second character of each pair is the value.
    private static string Unescape(string esc)
    {
        var sb = new StringBuilder(esc.Length / 2);
        for (int k = 1; k < esc.Length; k += 2)
        {
            sb.Append(esc[k]);
        }

        return sb.ToString();
    }

    // Inside quotes only backslashes right before a quote are escapes: n of them before a quote in the middle stand for
    // (n-1)/2 and the quote; n before the closing quote stand for n/2. Others are literal.
    private static string UnescapeQuoted(string token)
    {
        char q = token[0];
        string s = token[1..^1];
        var sb = new StringBuilder(s.Length);
        int i = 0;
        while (i < s.Length)
        {
            if (s[i] != '\\')
            {
                sb.Append(s[i]);
                i++;
                continue;
            }

            int run = i;
            while (run < s.Length && s[run] == '\\')
            {
                run++;
            }

            int n = run - i;
            if (run == s.Length)
            {
                sb.Append('\\', n / 2);
            }
            else if (s[run] == q)
            {
                sb.Append('\\', (n - 1) / 2).Append(q);
                run++;
            }
            else
            {
                sb.Append('\\', n);
            }

            i = run;
        }

        return sb.ToString();
    }
}
