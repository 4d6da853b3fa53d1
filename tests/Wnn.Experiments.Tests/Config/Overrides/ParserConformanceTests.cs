using Wnn.Experiments.Config.Overrides;

namespace Wnn.Experiments.Tests.Config.Overrides;

/// <summary>
/// Parse results as Hydra 1.3 states them in tests/test_overrides_parser.py (test function and pytest id per case)
/// and in website/docs/advanced/override_grammar/basic.md and extended.md.
/// </summary>
public sealed class ParserConformanceTests
{
    public static TheoryData<string, string, string> Values => new()
    {
        // test_element / test_primitive
        { "test_element[value:id]", "abc", "str:abc" },
        { "test_element[value:id-int]", "abc-123", "str:abc-123" },
        { "test_element[value:str-ws-in]", "a b c\t-\t1 2 3", "str:a b c\t-\t1 2 3" },
        { "test_element[value:str-ws-out]", " abc-123 ", "str:abc-123" },
        { "test_element[value:str-int-id]", "123abc", "str:123abc" },
        { "test_element[value:str-esc-comma]", @"a\,b", "str:a,b" },
        { "test_element[value:str-esc-space]", @"\ ab", "str: ab" },
        { "test_element[value:str-esc-tab]", "ab\\\t", "str:ab\t" },
        { "test_element[value:str-esc-backslash]", "ab\\\\", "str:ab\\" },
        { "test_element[value:str-esc-parentheses]", @"f\(a\, b\)", "str:f(a, b)" },
        { "test_element[value:str-esc-braces]", @"$\{foo.bar\}", "str:${foo.bar}" },
        { "test_element[value:str_interpolation]", "xyz_${a.b.c}", "str:xyz_${a.b.c}" },
        { "test_element[value:custom_interpolation]", "${f.g:USER,root}", "str:${f.g:USER,root}" },
        { "test_element[value:windows_path]", "c:\\foo\\a-b.txt", "str:c:\\foo\\a-b.txt" },
        { "test_element[value:int:explicit_pos]", "+1", "int:1" },
        { "test_element[value:int:not_an_int]", "1___0___", "str:1___0___" },
        { "test_element[value:float:plus_inf]", "+inf", "float:inf" },
        { "test_element[value:dot]", ".", "str:." },
        { "test_primitive[accepted_specials]", "/-\\+.$%*@?|", "str:/-\\+.$%*@?|" },
        { "test_primitive[list.0.bar]", "list.0.bar", "str:list.0.bar" },
        { "test_primitive[0.foo]", "0.foo", "str:0.foo" },
        { "test_primitive[10abc]", "10abc", "str:10abc" },
        { "test_primitive[primitive:bool] trUe", "trUe", "bool:True" },
        { "test_primitive[primitive:bool] FALSE", "FALSE", "bool:False" },
        { "test_primitive[primitive:null]", "null", "null" },
        { "test_primitive[primitive:int:neg]", "-1", "int:-1" },
        { "test_primitive[primitive:int:underscore]", "10_0", "int:100" },
        { "test_primitive[primitive:float:zero]", "0.0", "float:0.0" },
        { "test_primitive[primitive:float:small]", "1e-05", "float:1e-05" },
        { "test_primitive[primitive:float:underscore]", "3.1_4", "float:3.14" },
        { "test_primitive[primitive:float:exp:neg]", "-10e1", "float:-100.0" },
        { "test_primitive[primitive:float:inf:neg]", "-inf", "float:-inf" },
        { "test_primitive[primitive:float:nan] NaN", "NaN", "float:nan" },
        { "test_primitive[primitive:interpolation] ${foo:[1,2,3]}", "${foo:[1,2,3]}", "str:${foo:[1,2,3]}" },
        // test_primitive_quoted_string
        { "test_primitive_quoted_string[escape_single_quote]", @"'foo \'bar'", "quoted:'foo \\'bar'" },
        { "test_primitive_quoted_string[escape_double_quote_x3]", @"""foo \\\""bar""", "quoted:\"foo \\\\\\\"bar\"" },
        { "test_primitive_quoted_string[one_backslash_single]", @"'foo\bar'", @"quoted:'foo\bar'" },
        { "test_primitive_quoted_string[escape_backslash_trailing]", @"'foo bar\\'", @"quoted:'foo bar\\'" },
        { "test_primitive_quoted_string[quoted_specials]", "'\t []{},=+~'", "quoted:'\t []{},=+~'" },
        { "test_primitive_quoted_string[quoted_list]", "'[1,2,3]'", "quoted:'[1,2,3]'" },
        { "test_primitive_quoted_string[interpolation_apparent_brace_mismatch]", @"'${foo:""\' }""}'", @"quoted:'${foo:""\' }""}'" },
        // test_value
        { "test_value[value:list1_ws]", "[1 ]", "list:[1]" },
        { "test_value[sweep:int_ws]", "1, 2, 3", "simple_choice:int:1, int:2, int:3" },
        { "test_value[sweep:interpolations]", "${a}, ${b}, ${c}", "simple_choice:str:${a}, str:${b}, str:${c}" },
        { "test_value[sort(a,c,b,reverse=true)]", "sort(a,c,b,reverse=true)", "simple_choice:str:c, str:b, str:a" },
        { "test_value[shuffle(1,2,3)]", "shuffle(1,2,3)", "simple_choice+shuffle:int:1, int:2, int:3" },
        { "test_value[shuffle(choice(1,2,3))]", "shuffle(choice(1,2,3))", "choice+shuffle:int:1, int:2, int:3" },
        // test_list_container / test_dict_container
        { "test_list_container[list:str_trailing_backslash_single]", @"['a\\', 'b\\']", @"list:['a\\','b\\']" },
        { "test_dict_container[dict_null_key]", "{null: 1}", "dict:{null:1}" },
        { "test_dict_container[dict_int_key]", "{123: 1, 0: 2, -1: 3}", "dict:{123:1,0:2,-1:3}" },
        { "test_dict_container[dict_float_key]", "{3.14: 0, 1e3: 1}", "dict:{3.14:0,1000.0:1}" },
        { "test_dict_container[dict_bool_key]", "{true: 1, fAlSe: 0}", "dict:{True:1,False:0}" },
        { "Python dict semantics: 1, 1.0 and true are one key", "{1: a, 1.0: b, true: c, a: 1, a: 2}", "dict:{1:c,a:2}" },
        { "test_dict_container[dict_mixed_keys]", "{a_b: 1, ab 123.5 True: 2, null false: 3, 1: 4, null: 5}", @"dict:{a_b:1,ab\ 123.5\ True:2,null\ false:3,1:4,null:5}" },
        // test_choice_sweep / test_range_sweep / test_interval_sweep / test_tag_sweep / test_glob
        { "test_choice_sweep[sweep:choice (a,b)]", "choice (a,b)", "choice:str:a, str:b" },
        { "test_choice_sweep[choice(str(10))]", "choice(str(10))", "choice:str:10" },
        { "test_range_sweep[ints_with_step] named", "range(start=1,stop=10,step=2)", "range:int:1, int:10, int:2" },
        { "test_range_sweep[floats_with_step]", "range(1.0, 3.14, 0.1)", "range:float:1.0, float:3.14, float:0.1" },
        { "test_range_sweep[no_start_negative]", "range(-10, step=-1)", "range:int:0, int:-10, int:-1" },
        { "test_interval_sweep[interval(10,11)]", "interval(10,11)", "interval:float:10.0, float:11.0" },
        { "test_interval_sweep[interval:named]", "interval(start=2.72,end=3.14)", "interval:float:2.72, float:3.14" },
        { "test_tag_sweep[tag(tag1,tag2,interval(0,2))]", "tag(tag1,tag2,interval(0,2))", "interval[tag1,tag2]:float:0.0, float:2.0" },
        { "test_tag_sweep[tag(tag1,tag2,sweep=range(1,2))]", "tag(tag1,tag2,sweep=range(1,2))", "range[tag1,tag2]:int:1, int:2, int:1" },
        { "extended.md#tag tag(log,interval(0,1))", "tag(log,interval(0,1))", "interval[log]:float:0.0, float:1.0" },
        { "test_glob[glob(include=[a*, b*], exclude=c*)]", "glob(include=[a*, b*], exclude=c*)", "glob:[a*,b*]-[c*]" },
        // test_sort / test_sweep_shuffle
        { "test_sort[sort(range(1,10),reverse=True)]", "sort(range(1,10),reverse=True)", "range:int:9, int:0, int:-1" },
        { "test_sort[sort(range(1.5,-0.5,-0.5))]", "sort(range(1.5,-0.5,-0.5))", "range:float:0.0, float:2.0, float:0.5" },
        { "test_sweep_shuffle[shuffle:float:range]", "shuffle(float(range(10,1)))", "range+shuffle:float:10.0, float:1.0, float:1.0" },
        { "test_sweep_shuffle[shuffle:tag:range]", "shuffle(tag(a,b,range(1,10,2)))", "range+shuffle[a,b]:int:1, int:10, int:2" },
        // test_cast_conversions (extended.md#conversion-matrix)
        { "test_cast_conversions[1e6] int", "int(1e6)", "int:1000000" },
        { "test_cast_conversions['10'] float", "float('10')", "float:10.0" },
        { "test_cast_conversions['true'] bool", "bool('true')", "bool:True" },
        { "test_cast_conversions[false] str", "str(false)", "str:false" },
        { "test_cast_conversions[[0,1,2]] bool", "bool([0,1,2])", "list:[False,True,True]" },
        { "test_cast_conversions[{a:[0,1,2]}] float", "float({a:[0,1,2]})", "dict:{a:[0.0,1.0,2.0]}" },
        { "test_cast_conversions[simple_choice:ints] bool", "bool(2,1,0)", "simple_choice:bool:True, bool:True, bool:False" },
        { "test_cast_conversions[simple_choice:types] str", "str(a,'b',1,1.0,true,[a,b],{a:10})", "simple_choice:str:a, str:b, str:1, str:1.0, str:true, list:[a,b], dict:{a:10}" },
        { "test_cast_conversions[interval(1.0, 2.0)] int", "int(interval(1.0, 2.0))", "interval:int:1, int:2" },
        { "test_cast_conversions[range(1.0,10.0)] int", "int(range(1.0,10.0))", "range:int:1, int:10, int:1" },
    };

    public static TheoryData<string, string, string> Errors => new()
    {
        // test_parse_errors and test_cast_conversions / test_eval_errors error messages
        { "test_parse_errors[error:partial_list]", "key=[", "unexpected end of input" },
        { "test_parse_errors[error:left_overs]", "key=[]aa", "extraneous input 'aa'" },
        { "test_parse_errors[error:list_bad_escaping]", @"key=['a\', 'b']", "token recognition error at: '']'" },
        { "test_parse_errors[error:left_overs] quote", "key=[1,2,3]'", "token recognition error at: '''" },
        { "test_parse_errors[error:dict_bad_escaping]", @"key={a: 'a\', b: 'b'}", "token recognition error at: ''}'" },
        { "test_parse_errors[error:dict_quoted_key_override_single]", "key={' abc ': 0}", "no viable alternative at input '' abc ''" },
        { "test_parse_errors[error:dollar_in_group]", "$foo/bar=foobar", "mismatched input '/'" },
        { "test_cast_conversions[inf] int", "x=int(inf)", "OverflowError while evaluating 'int(inf)': cannot convert float infinity to integer" },
        { "test_cast_conversions[nan] int", "x=int(nan)", "ValueError while evaluating 'int(nan)': cannot convert float NaN to integer" },
        { "test_cast_conversions[''] bool", "x=bool('')", "ValueError while evaluating 'bool('')': Cannot cast '' to bool" },
        { "test_cast_conversions['10.0'] int", "x=int('10.0')", "ValueError while evaluating 'int('10.0')': invalid literal for int() with base 10: '10.0'" },
        { "test_cast_conversions[[a,1]] float", "x=float([a,1])", "ValueError while evaluating 'float([a,1])': could not convert string to float: 'a'" },
        { "test_cast_conversions[interval(1.0, 2.0)] str", "x=str(interval(1.0, 2.0))", "ValueError while evaluating 'str(interval(1.0, 2.0))': Intervals cannot be cast to str" },
        { "test_cast_conversions[range(1,10)] bool", "x=bool(range(1,10))", "ValueError while evaluating 'bool(range(1,10))': Range can only be cast to int or float" },
        { "test_value[sort(3,2,str(1))]", "x=sort(3,2,str(1))", "TypeError while evaluating 'sort(3,2,str(1))': '<' not supported between instances of 'str' and 'int'" },
        { "test_eval_errors[range(start=10,20,1)]", "x=range(start=10,20,1)", "positional argument follows keyword argument" },
        { "extended.md#extended-override-syntax func(a=10,foo)", "x=choice(a=10,foo)", "positional argument follows keyword argument" },
        { "OverridesParser: unknown function", "x=foo(1)", "Unknown function 'foo'" },
        { "choice(): empty choice", "x=choice()", "ValueError while evaluating 'choice()': empty choice is not legal" },
        { "basic.md#escaped-characters-in-unquoted-values dir=A[B", "dir=A[B", "extraneous input '['" },
        { "OverrideLexer.g4: no whitespace in keys", "my key=1", "token recognition error at: ' '" },
        { "OverrideParser.g4: + needs a value", "+key", "unexpected end of input" },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void Value_parses_as_Hydra_states(string source, string value, string expected)
    {
        Assert.True(source.Length > 0);
        Assert.Equal(expected, OverrideDescribe.Of(OverrideParser.ParseValue(value)));
        // The same value after key= gives the same result.
        Assert.Equal(expected, OverrideDescribe.Of(OverrideParser.Parse("key=" + value).Value));
    }

    [Theory]
    [MemberData(nameof(Errors))]
    public void Bad_override_fails_with_the_column_and_Hydras_reason(string source, string text, string problem)
    {
        OverrideParseException e = Assert.Throws<OverrideParseException>(() => OverrideParser.Parse(text));
        Assert.True(e.Message.Contains(problem, StringComparison.Ordinal), $"{source}: {e.Message}");
        Assert.InRange(e.Column, 1, text.Length + 1);
        Assert.Contains($"column {e.Column}", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Theory]
    // tests/test_overrides_parser.py::test_override (prefix x value) and test_key / test_override_del
    [InlineData("key=value", OverrideType.Change, "key", null, "str:value")]
    [InlineData("+key='1,2,3'", OverrideType.Add, "key", null, "quoted:'1,2,3'")]
    [InlineData("++key=", OverrideType.ForceAdd, "key", null, "str:")]
    [InlineData("~key", OverrideType.Delete, "key", null, "none")]
    [InlineData("~x=10", OverrideType.Delete, "x", null, "int:10")]
    [InlineData("choice=reverse", OverrideType.Change, "choice", null, "str:reverse")]
    [InlineData("ab-c/d-ef=x", OverrideType.Change, "ab-c/d-ef", null, "str:x")]
    [InlineData("$foo.bar$.x$z=1", OverrideType.Change, "$foo.bar$.x$z", null, "int:1")]
    [InlineData("list.0=1", OverrideType.Change, "list.0", null, "int:1")]
    [InlineData("package_or_group@pkg1=a", OverrideType.Change, "package_or_group", "pkg1", "str:a")]
    [InlineData("package_or_group@=a", OverrideType.Change, "package_or_group", "", "str:a")]
    [InlineData("+server/db@backup=mysql", OverrideType.Add, "server/db", "backup", "str:mysql")]
    [InlineData("~server/db", OverrideType.Delete, "server/db", null, "none")]
    [InlineData("key=tag(a,b,choice([1,2],[3,4]))", OverrideType.Change, "key", null, "choice[a,b]:list:[1,2], list:[3,4]")]
    public void Override_has_type_key_package_and_value(string text, OverrideType type, string key, string? package, string value)
    {
        Override o = OverrideParser.Parse(text);
        Assert.Equal(type, o.Type);
        Assert.Equal(key, o.KeyOrGroup);
        Assert.Equal(package, o.Package);
        Assert.Equal(value, OverrideDescribe.Of(o.Value));
        Assert.Equal(text, o.InputLine);
    }
}
