using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Wnn.Experiments.Evaluation;
using Wnn.Ram.Baselines;
using Wnn.Ram.Text;

namespace Wnn.Cli;

/// <summary>`wnn baseline`: uniform, unigram, bigram and Kneser–Ney trigram CE/perplexity/accuracy on the eval data.</summary>
internal static class BaselineCommand
{
    public static Command Create()
    {
        var data = new DataCliOptions();
        var defaults = new BaselineOptions();
        var context = new Option<int>("--context")
        {
            Description = "Context size of the RAM LM compared with: the baselines score the same eval targets.",
            DefaultValueFactory = _ => defaults.ContextSize,
        };
        var alpha = new Option<double>("--unigram-alpha")
        {
            Description = "α of the add-α unigram, p(w) = (n_w + α) / (N + α·V).",
            DefaultValueFactory = _ => defaults.UnigramAlpha,
        };
        var json = new Option<bool>("--json") { Description = "Print one JSON object: uniform, unigram, bigram, trigram, each {ce, perplexity, accuracy}." };
        var command = new Command("baseline", "Score n-gram baselines (uniform, unigram, bigram, KN trigram) on the same tokens as wnn eval.");
        data.AddTo(command);
        command.Add(context);
        command.Add(alpha);
        command.Add(json);
        command.SetAction((parse, ct) => Task.Run(() =>
        {
            var options = new BaselineOptions { ContextSize = parse.GetValue(context), UnigramAlpha = parse.GetValue(alpha) };
            try
            {
                options.Validate();
            }
            catch (ArgumentException ex)
            {
                throw new CliException(ex.Message);
            }

            LoadedData loaded = DataSource.Load(EvalCommand.WithDefaultCaps(data.Read(parse)), ct);
            BaselineReport report;
            try
            {
                report = NgramBaselines.Evaluate(loaded.TrainTokens, loaded.EvalTokens, loaded.Tokenizer.VocabularySize, options);
            }
            catch (ArgumentException ex)
            {
                throw new CliException(ex.Message);
            }

            if (parse.GetValue(json))
            {
                Dictionary<string, object> fields = BaselineJson.Fields(report);
                fields["train_tokens"] = loaded.TrainTokens.Length;
                fields["eval_tokens"] = loaded.EvalTokens.Length;
                Console.WriteLine(JsonSerializer.Serialize(fields));
            }
            else
            {
                Console.WriteLine(loaded.Description);
                Console.WriteLine($"{"model",-28} {"CE (nats)",10} {"perplexity",12} {"accuracy",9}");
                Print("uniform", report.Uniform);
                Print(string.Create(CultureInfo.InvariantCulture, $"unigram (add-{options.UnigramAlpha:G})"), report.Unigram);
                Print("bigram (abs. discounting)", report.Bigram);
                Print("trigram (Kneser–Ney)", report.Trigram);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{report.Targets:N0} eval targets (context {options.ContextSize})"));
            }

            return 0;
        }, ct));
        return command;
    }

    private static void Print(string name, BaselineScore s) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-28} {s.CrossEntropy,10:F4} {s.Perplexity,12:F1} {s.Accuracy,9:P2}"));
}
