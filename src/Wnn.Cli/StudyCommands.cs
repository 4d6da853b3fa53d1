using System.CommandLine;
using Wnn.Search;
using Wnn.Search.Samplers;
using Wnn.Storage;

namespace Wnn.Cli;

/// <summary>
/// `wnn study …`: optimization studies kept in memory or in the project database (SQLite file or PostgreSQL):
/// create, list, show, best, trials, delete, importance and optimize.
/// </summary>
internal static class StudyCommands
{
    public static Command Create()
    {
        var study = new Command("study", "Optimization studies (samplers, pruners, best trials) in memory or in a database.");
        study.Subcommands.Add(StudyOptimizeCommand.Create());
        foreach (Command command in StudyReadCommands.Create())
        {
            study.Subcommands.Add(command);
        }

        return study;
    }

    /// <summary>The --storage option: a SQLite file path or a PostgreSQL connection string.</summary>
    public static Option<string?> StorageOption(bool required) => new("--storage")
    {
        Description = required
            ? "Study database: a SQLite file path or a PostgreSQL connection string (Host=…)."
            : "Study database: a SQLite file path or a PostgreSQL connection string (Host=…). Default: in memory (lost on exit).",
        Required = required,
    };

    /// <summary>The --study option (the study name).</summary>
    public static Option<string> StudyOption(bool required) => new("--study")
    {
        Description = required ? "Study name." : "Study name; an existing study of that name is loaded and continued. Default: the objective's name.",
        Required = required,
    };

    /// <summary>
    /// Opens the named database (null: a fresh in-memory storage); failures become one-line CLI errors. With
    /// <paramref name="mustExist"/> (read commands) a SQLite file that does not exist is an error, never created.
    /// </summary>
    public static IStudyStorage Open(string? storage, CancellationToken cancellationToken, bool mustExist = false)
    {
        if (storage is null)
        {
            return new InMemoryStudyStorage();
        }

        if (string.IsNullOrWhiteSpace(storage))
        {
            throw new CliException("--storage must not be empty; give a SQLite file path or a PostgreSQL connection string.");
        }

        if (mustExist && !ExperimentStores.IsPostgres(storage) && !File.Exists(storage))
        {
            throw new CliException($"--storage: no database at '{storage}' (read commands never create one; "
                + "`wnn study create` or `wnn study optimize --storage …` makes it)");
        }

        try
        {
            return StudyStorages.OpenAsync(storage, null, cancellationToken).GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            throw new CliException($"--storage: cannot open '{Redact(storage)}': {ex.Message}");
        }
    }

    /// <summary>Loads an existing study for reading; a missing one is a CLI error naming the studies that exist.</summary>
    public static Study Load(IStudyStorage storage, string name)
    {
        if (storage.FindStudy(name) is not long id)
        {
            IReadOnlyList<StudySummary> all = storage.ListStudies();
            throw new CliException(all.Count == 0
                ? $"no study named '{name}'; the database has no studies (create one with `wnn study create` or `wnn study optimize`)"
                : $"no study named '{name}'; known: {string.Join(", ", all.Select(s => s.Name))}");
        }

        StudySummary summary = storage.GetStudy(id);
        return Study.Create(new StudyOptions
        {
            Name = name,
            Storage = storage,
            Directions = summary.Directions,
            LoadIfExists = true,
            Sampler = new RandomSampler(0),
        });
    }

    /// <summary>Parses "minimize"/"maximize" (or min/max), comma-separated for several objectives.</summary>
    public static IReadOnlyList<StudyDirection> ParseDirections(string text) =>
        [.. text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(d => d.ToLowerInvariant() switch
        {
            "minimize" or "min" => StudyDirection.Minimize,
            "maximize" or "max" => StudyDirection.Maximize,
            _ => throw new CliException($"--direction: '{d}' is not a direction; allowed: minimize, maximize (comma-separated for several objectives)."),
        })];

    /// <summary>Strips a password from a connection string before it is printed.</summary>
    public static string Redact(string storage)
    {
        if (!ExperimentStores.IsPostgres(storage))
        {
            return storage;
        }

        return string.Join(';', storage.Split(';').Where(p => !p.TrimStart().StartsWith("Password", StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>Turns an argument error of the library into its message without the parameter suffix.</summary>
    public static string Message(ArgumentException ex) =>
        ex.ParamName is null ? ex.Message : ex.Message.Replace($" (Parameter '{ex.ParamName}')", string.Empty, StringComparison.Ordinal);
}
