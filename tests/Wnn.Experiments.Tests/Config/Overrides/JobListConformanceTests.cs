using System.Text.Json;
using Wnn.Experiments.Config.Overrides;

namespace Wnn.Experiments.Tests.Config.Overrides;

/// <summary>
/// Job lists as Hydra's BasicSweeper makes them. Each case names its source: a Hydra 1.3 test function
/// (tests/test_basic_sweeper.py, tests/test_overrides_parser.py, with the pytest id) or documentation page
/// (website/docs/…); the expected lists are the ones those sources state, or Hydra's code yields for them.
/// </summary>
public sealed class JobListConformanceTests
{
    private static readonly Dictionary<string, string[]> Groups = new()
    {
        ["schema"] = ["school", "support", "warehouse"],
        ["db"] = ["mysql", "postgresql"],
    };

    public static TheoryData<string, string[], string> Cases => new()
    {
        // tests/test_basic_sweeper.py::test_split
        { "test_split[simple]", ["x=10"], """[["x=10"]]""" },
        { "test_split[split_1d]", ["x=10,20"], """[["x=10"],["x=20"]]""" },
        { "test_split[not_split_yaml_list]", ["x=[10,20]"], """[["x=[10,20]"]]""" },
        { "test_split[list_of_lists]", ["x=[a,b,c],[d,e,f]"], """[["x=[a,b,c]"],["x=[d,e,f]"]]""" },
        { "test_split[no_batching]", ["a=1,2", "b=10,11"], """[["a=1","b=10"],["a=1","b=11"],["a=2","b=10"],["a=2","b=11"]]""" },
        { "test_split[range]", ["a=range(0,3)"], """[["a=0"],["a=1"],["a=2"]]""" },
        { "test_split[range_no_start]", ["a=range(3)"], """[["a=0"],["a=1"],["a=2"]]""" },
        // tests/test_basic_sweeper.py::test_partial_failure (hydra.* overrides configure the sweep, jobs get the rest)
        { "test_partial_failure", ["+divisor=1,0", "hydra.run.dir=/tmp/x", "hydra.job.chdir=True"], """[["+divisor=1"],["+divisor=0"]]""" },
        // website/docs/tutorials/basic/running_your_app/2_multirun.md
        {
            "2_multirun.md#configure-hydra.mode", ["db=mysql,postgresql", "schema=warehouse,support,school"],
            """[["db=mysql","schema=warehouse"],["db=mysql","schema=support"],["db=mysql","schema=school"],["db=postgresql","schema=warehouse"],["db=postgresql","schema=support"],["db=postgresql","schema=school"]]"""
        },
        { "2_multirun.md#additional-sweep-types x=range(1,10)", ["x=range(1,10)"], """[["x=1"],["x=2"],["x=3"],["x=4"],["x=5"],["x=6"],["x=7"],["x=8"],["x=9"]]""" },
        // website/docs/advanced/override_grammar/extended.md#range-sweep
        { "extended.md#range-sweep num=range(5)", ["num=range(5)"], """[["num=0"],["num=1"],["num=2"],["num=3"],["num=4"]]""" },
        { "extended.md#range-sweep num=range(0,5)", ["num=range(0,5)"], """[["num=0"],["num=1"],["num=2"],["num=3"],["num=4"]]""" },
        { "extended.md#range-sweep num=range(0,5,2)", ["num=range(0,5,2)"], """[["num=0"],["num=2"],["num=4"]]""" },
        { "extended.md#range-sweep num=range(0,10,3.3)", ["num=range(0,10,3.3)"], """[["num=0.0"],["num=3.3"],["num=6.6"],["num=9.9"]]""" },
        { "extended.md#range-sweep num=range(-5,step=-1)", ["num=range(-5,step=-1)"], """[["num=0"],["num=-1"],["num=-2"],["num=-3"],["num=-4"]]""" },
        // website/docs/advanced/override_grammar/extended.md#choice-sweep
        { "extended.md#choice-sweep db=mysql,postgresql", ["db=mysql,postgresql"], """[["db=mysql"],["db=postgresql"]]""" },
        { "extended.md#choice-sweep db=choice(mysql,postgresql)", ["db=choice(mysql,postgresql)"], """[["db=mysql"],["db=postgresql"]]""" },
        // extended.md#sort and tests/test_overrides_parser.py::test_sort
        { "extended.md#sort sort(1,3,2)", ["x=sort(1,3,2)"], """[["x=1"],["x=2"],["x=3"]]""" },
        { "extended.md#sort sort(1,3,2,reverse=true)", ["x=sort(1,3,2,reverse=true)"], """[["x=3"],["x=2"],["x=1"]]""" },
        { "extended.md#sort sort(sweep=choice(1,2,3))", ["x=sort(sweep=choice(1,2,3))"], """[["x=1"],["x=2"],["x=3"]]""" },
        { "extended.md#sort sort(choice(1,2,3),reverse=true)", ["x=sort(choice(1,2,3),reverse=true)"], """[["x=3"],["x=2"],["x=1"]]""" },
        { "extended.md#sort sort([1,3,2])", ["x=sort([1,3,2])"], """[["x=[1,2,3]"]]""" },
        { "extended.md#sort sort(list=[1,3,2], reverse=true)", ["x=sort(list=[1,3,2], reverse=true)"], """[["x=[3,2,1]"]]""" },
        { "extended.md#sort sort(1)", ["x=sort(1)"], """[["x=1"]]""" },
        { "test_sort[sort(range(9,0,-1))]", ["x=sort(range(9,0,-1))"], """[["x=1"],["x=2"],["x=3"],["x=4"],["x=5"],["x=6"],["x=7"],["x=8"],["x=9"]]""" },
        { "test_sort[sort(range(1,10),reverse=True)]", ["x=sort(range(1,4),reverse=True)"], """[["x=3"],["x=2"],["x=1"]]""" },
        { "test_sort[sort(range(1.5,-0.5,-0.5))]", ["x=sort(range(1.5,-0.5,-0.5))"], """[["x=0.0"],["x=0.5"],["x=1.0"],["x=1.5"]]""" },
        { "test_sort[range:sort:reverse]", ["x=sort(range(0,2,0.5),reverse=true)"], """[["x=1.5"],["x=1.0"],["x=0.5"],["x=0.0"]]""" },
        { "test_sort[sort:tag:choice:rev]", ["x=sort(tag(a,b,choice(1,2,3)), reverse=True)"], """[["x=3"],["x=2"],["x=1"]]""" },
        // tests/test_overrides_parser.py::test_sweep_iterators
        { "test_sweep_iterators[choice(1,2,3)]", ["x=choice(1,2,3)"], """[["x=1"],["x=2"],["x=3"]]""" },
        { "test_sweep_iterators[choice('1','2','3')]", ["x=choice('1', '2', '3')"], """[["x=1"],["x=2"],["x=3"]]""" },
        { "test_sweep_iterators[choice('a','b')]", ["x=choice('a', 'b')"], """[["x=a"],["x=b"]]""" },
        {
            "test_sweep_iterators[choice(True,'True',…)]", ["x=choice(True, 'True', False, 'False', 'a', 1, 1.1, 2.0, 3, '1.5', '4')"],
            """[["x=True"],["x=True"],["x=False"],["x=False"],["x=a"],["x=1"],["x=1.1"],["x=2.0"],["x=3"],["x=1.5"],["x=4"]]"""
        },
        { "test_sweep_iterators[range(1, 10)]", ["x=range(1, 4)"], """[["x=1"],["x=2"],["x=3"]]""" },
        { "test_sweep_iterators[choice([1,2,3], ['a', 'b'])]", ["x=choice([1,2,3], ['a', 'b'])"], """[["x=[1,2,3]"],["x=['a','b']"]]""" },
        { "test_sweep_iterators[choice([1, 1.1, '2', 'a'], [True, False])]", ["x=choice([1, 1.1, '2', 'a'], [True, False])"], """[["x=[1,1.1,'2','a']"],["x=[True,False]"]]""" },
        // tests/test_overrides_parser.py::test_override_get_value_element_method (space_after_sep=False, as the sweeper writes)
        { "test_override_get_value_element_method[str]", ["key=value"], """[["key=value"]]""" },
        { "test_override_get_value_element_method[single_quoted]", ["key='value'"], """[["key='value'"]]""" },
        { "test_override_get_value_element_method[double_quoted]", ["key=\"value\""], """[["key=\"value\""]]""" },
        { "test_override_get_value_element_method[quoted_unicode]", ["key='שלום'"], """[["key='שלום'"]]""" },
        { "test_override_get_value_element_method[escaped_chars]", ["key=\\\\\\(\\)\\[\\]\\{\\}\\:\\=\\ \\\t\\,"], """[["key=\\\\\\(\\)\\[\\]\\{\\}\\:\\=\\ \\\t\\,"]]""" },
        { "test_override_get_value_element_method[int]", ["key=10"], """[["key=10"]]""" },
        { "test_override_get_value_element_method[float]", ["key=3.1415"], """[["key=3.1415"]]""" },
        { "test_override_get_value_element_method[list]", ["key=['a b', 2, 3]"], """[["key=['a b',2,3]"]]""" },
        { "test_override_get_value_element_method[dict]", ["key={a:10,b:20}"], """[["key={a:10,b:20}"]]""" },
        { "test_override_get_value_element_method[dict_unquoted_key_special]", ["key={/-\\+.$%*@?|: 1}"], """[["key={/-\\\\+.$%*@?|:1}"]]""" },
        { "test_override_get_value_element_method[dict_ws_in_key]", ["key={ white  space\t: 2}"], """[["key={white\\ \\ space:2}"]]""" },
        // tests/test_overrides_parser.py::test_get_key_element
        { "test_get_key_element[key@pkg1]", ["key@pkg1=value"], """[["key@pkg1=value"]]""" },
        { "test_get_key_element[+key]", ["+key=value"], """[["+key=value"]]""" },
        { "test_get_key_element[++key@pkg1]", ["++key@pkg1=value"], """[["++key@pkg1=value"]]""" },
        { "test_get_key_element[~key]", ["~key=value"], """[["~key=value"]]""" },
        { "test_get_key_element[~key@pkg1]", ["~key@pkg1=value"], """[["~key@pkg1=value"]]""" },
        // tests/test_overrides_parser.py::test_override_del (BasicSweeper writes a bare delete with the null value)
        { "test_override_del[bare_del]", ["~x"], """[["~x=null"]]""" },
        { "test_override_del[specific_del_empty_string]", ["~x="], """[["~x="]]""" },
        // tests/test_overrides_parser.py::test_whitespaces
        { "test_whitespaces[leading+trailing]", ["key= \tvalue \t"], """[["key=value"]]""" },
        { "test_whitespaces[inside_primitive]", ["key=value \t 123"], """[["key=value\\ \\\t\\ 123"]]""" },
        { "test_whitespaces[around_commas]", ["key=1 ,  2,\t\t3"], """[["key=1"],["key=2"],["key=3"]]""" },
        { "test_whitespaces[in_lists]", ["key=[1  ,\t2\t],[\t3\t   ,4  ]"], """[["key=[1,2]"],["key=[3,4]"]]""" },
        { "test_whitespaces[mixed]", ["key=str(\t  [  1,\t2  ]\t   )"], """[["key=[1,2]"]]""" },
        // tests/test_overrides_parser.py::test_value (casts, written back)
        { "test_value[int(10.0)]", ["x=int(10.0)"], """[["x=10"]]""" },
        { "test_value[str(10.0)]", ["x=str(10.0)"], """[["x=10.0"]]""" },
        { "test_value[bool(10.0)]", ["x=bool(10.0)"], """[["x=True"]]""" },
        { "test_value[float(10)]", ["x=float(10)"], """[["x=10.0"]]""" },
        { "test_value[float(sort(3,2,1))]", ["x=float(sort(3,2,1))"], """[["x=1.0"],["x=2.0"],["x=3.0"]]""" },
        // Python float repr as Hydra writes floats (tests/test_overrides_parser.py::test_primitive float ids)
        { "test_primitive[primitive:float:small] 1e-05", ["x=1e-05,1e-5,0.00001"], """[["x=1e-05"],["x=1e-05"],["x=1e-05"]]""" },
        { "test_primitive[primitive:float:exp] 10e0", ["x=10e0,-10e1,3.1_4"], """[["x=10.0"],["x=-100.0"],["x=3.14"]]""" },
        { "test_primitive[primitive:float:inf/nan]", ["x=inf,-inf,+INF,nan,NaN"], """[["x=inf"],["x=-inf"],["x=inf"],["x=nan"],["x=nan"]]""" },
        { "test_cast_conversions[1e6] str(1e6)", ["x=1e6,str(1e6),1e16,1e15,0.0001"], """[["x=1000000.0"],["x=1000000.0"],["x=1e+16"],["x=1000000000000000.0"],["x=0.0001"]]""" },
        {
            "issue 9 / Hydra FloatRange: range(0,1,0.1) stepped in decimal", ["x=range(0,1,0.1)"],
            """[["x=0.0"],["x=0.1"],["x=0.2"],["x=0.3"],["x=0.4"],["x=0.5"],["x=0.6"],["x=0.7000000000000001"],["x=0.8"],["x=0.9"]]"""
        },
        { "seed 004: lr=1e-3,1e-4 as Hydra writes it", ["phase1.trainer.lr=1e-3,1e-4"], """[["phase1.trainer.lr=0.001"],["phase1.trainer.lr=0.0001"]]""" },
        // website/docs/advanced/override_grammar/basic.md#modifying-the-defaults-list
        { "basic.md#modifying-the-defaults-list", ["server/db=mysql", "+db=mysql", "~server/db", "~db=mysql"], """[["server/db=mysql","+db=mysql","~server/db=null","~db=mysql"]]""" },
        { "basic.md#key group@pkg", ["db@backup=mysql,postgresql", "db=mysql"], """[["db@backup=mysql","db=mysql"],["db@backup=postgresql","db=mysql"]]""" },
        { "basic.md#sweeper-syntax quoted elements", ["key=\"a,b\",\"c,d\""], """[["key=\"a,b\""],["key=\"c,d\""]]""" },
        { "basic.md#sweeper-syntax dicts", ["key={a:10, b:20},{c:30,d:40}"], """[["key={a:10,b:20}"],["key={c:30,d:40}"]]""" },
        // basic.md#primitives: interpolations are kept as text; the sweeper writes them through escape_special_characters
        { "basic.md#primitives interpolation kept as text", ["dir=/root/${name},${oc.env:USER,me}"], """[["dir=/root/$\\{name\\}"],["dir=$\\{oc.env\\:USER\\,me\\}"]]""" },
        // BasicSweeper.split_arguments: a key given again replaces its values and keeps its place
        { "BasicSweeper.split_arguments: repeated key keeps its place", ["a=1,2", "b=3", "a=5,6"], """[["a=5","b=3"],["a=6","b=3"]]""" },
        { "BasicSweeper.split_arguments: +a and a are different keys", ["a=1", "+a=2"], """[["a=1","+a=2"]]""" },
        // extended.md#glob-choice-sweep (group schema with options school, support, warehouse)
        { "extended.md#glob-choice-sweep glob(*)", ["schema=glob(*)"], """[["schema=school"],["schema=support"],["schema=warehouse"]]""" },
        { "extended.md#glob-choice-sweep glob(*,exclude=support)", ["schema=glob(*,exclude=support)"], """[["schema=school"],["schema=warehouse"]]""" },
        { "extended.md#glob-choice-sweep glob([s*,w*],exclude=school)", ["schema=glob([s*,w*],exclude=school)"], """[["schema=support"],["schema=warehouse"]]""" },
        { "2_multirun.md#additional-sweep-types glob(*,exclude=w*)", ["schema=glob(*,exclude=w*)"], """[["schema=school"],["schema=support"]]""" },
        // extended.md#type-casting
        { "extended.md#type-casting float(range(1,10))", ["x=float(range(1,4))"], """[["x=1.0"],["x=2.0"],["x=3.0"]]""" },
        { "extended.md#type-casting str([1,2,3])", ["x=str([1,2,3])", "y=str({a:10})", "z=bool(1)", "w=int(3.14)"], """[["x=[1,2,3]","y={a:10}","z=True","w=3"]]""" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Job_list_matches_Hydra(string source, string[] overrides, string expectedJson)
    {
        var options = new SweepPlanOptions { GroupOptions = g => Groups.TryGetValue(g, out string[]? o) ? o : [] };
        IReadOnlyList<IReadOnlyList<string>> jobs = BasicSweepPlanner.Plan([], overrides, options);
        string[][] expected = JsonSerializer.Deserialize<string[][]>(expectedJson)!;
        Assert.True(expected.Length == jobs.Count, $"{source}: expected {expected.Length} jobs, got {jobs.Count}: {JsonSerializer.Serialize(jobs)}");
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], jobs[i]);
        }
    }

    [Fact]
    public void Sweeper_params_come_first_and_a_command_line_key_keeps_their_place()
    {
        // website/docs/tutorials/basic/running_your_app/2_multirun.md#sweeping-via-hydrasweeperparams: `-m db=mysql`
        KeyValuePair<string, string>[] yaml = [new("db", "mysql,postgresql"), new("schema", "warehouse,support,school")];
        IReadOnlyList<IReadOnlyList<string>> jobs = BasicSweepPlanner.Plan(yaml, ["db=mysql"]);
        Assert.Equal(
            [["db=mysql", "schema=warehouse"], ["db=mysql", "schema=support"], ["db=mysql", "schema=school"]],
            jobs.Select(j => j.ToArray()).ToArray());
        Assert.Equal(6, BasicSweepPlanner.Plan(yaml, []).Count);
    }

    [Fact]
    public void Seed_004_grid_runs_latent_none_beta_1_as_job_1_as_Hydra_does()
    {
        // seeds/004 compare_globals_heads.yaml: hydra.sweeper.params in YAML order; the seed's "Expected Run Matrix"
        // numbers runs column-wise, but Hydra's product varies the last key fastest.
        KeyValuePair<string, string>[] yaml =
        [
            new("phase1/latent_space", "none,linear,vq"), new("phase1.trainer.epochs", "20"), new("phase1.decoder.globals_beta", "0,1,10"),
        ];
        IReadOnlyList<IReadOnlyList<string>> jobs = BasicSweepPlanner.Plan(yaml, []);
        Assert.Equal(9, jobs.Count);
        Assert.Equal(["phase1/latent_space=none", "phase1.trainer.epochs=20", "phase1.decoder.globals_beta=0"], jobs[0]);
        Assert.Equal(["phase1/latent_space=none", "phase1.trainer.epochs=20", "phase1.decoder.globals_beta=1"], jobs[1]);
        Assert.Equal(["phase1/latent_space=vq", "phase1.trainer.epochs=20", "phase1.decoder.globals_beta=10"], jobs[8]);
    }

    [Fact]
    public void The_suite_has_at_least_60_cases() => Assert.True(Cases.Count >= 60, $"{Cases.Count} cases");
}
