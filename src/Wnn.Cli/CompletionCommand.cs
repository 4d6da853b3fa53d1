using System.CommandLine;

namespace Wnn.Cli;

/// <summary>
/// <c>wnn completion bash|zsh</c>: prints a shell script that completes commands, options and the values of
/// enumerations (<c>--phase-order</c>, <c>--sampler</c>, …) by asking <c>wnn</c> itself through System.CommandLine's
/// <c>[suggest]</c> directive. Install: <c>source &lt;(wnn completion bash)</c> (see README).
/// </summary>
internal static class CompletionCommand
{
    private const string Bash = """
        # wnn completion for bash: source <(wnn completion bash), or save it under ~/.local/share/bash-completion/completions/wnn
        _wnn_complete() {
            local words="${COMP_LINE#"${COMP_WORDS[0]}"}"
            local position=$(( COMP_POINT - ${#COMP_WORDS[0]} - 1 ))
            local IFS=$'\n'
            COMPREPLY=( $("${COMP_WORDS[0]}" "[suggest:${position}]" "${words# }" 2>/dev/null) )
        }
        complete -o default -F _wnn_complete wnn ./wnn
        """;

    private const string Zsh = """
        #compdef wnn
        # wnn completion for zsh: source <(wnn completion zsh), or save it as _wnn in a folder of $fpath
        _wnn() {
            local line="${BUFFER#"${words[1]}"}"
            local position=$(( CURSOR - ${#words[1]} - 1 ))
            local -a candidates
            candidates=( ${(f)"$("${words[1]}" "[suggest:${position}]" "${line# }" 2>/dev/null)"} )
            compadd -a candidates
        }
        compdef _wnn wnn ./wnn
        """;

    public static Command Create()
    {
        var shell = new Argument<string>("shell") { Description = "bash or zsh" };
        shell.CompletionSources.Add("bash", "zsh");
        var command = new Command("completion", "Print a shell completion script (bash or zsh): source <(wnn completion bash)") { shell };
        command.SetAction(parse =>
        {
            string name = parse.GetValue(shell)!;
            Console.Out.WriteLine(name switch
            {
                "bash" => Bash,
                "zsh" => Zsh,
                _ => throw new CliException($"completion: unknown shell '{name}'; accepted: bash, zsh"),
            });
            return 0;
        });
        return command;
    }
}
