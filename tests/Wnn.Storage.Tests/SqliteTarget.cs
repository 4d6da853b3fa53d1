using Wnn.Storage;

namespace Wnn.Storage.Tests;

/// <summary>A SQLite database file in a fresh temporary directory.</summary>
public sealed class SqliteTarget : IStoreTarget
{
    private readonly List<IExperimentStore> _opened = [];
    private readonly string _root = Path.Combine(Path.GetTempPath(), "wnn-store-" + Guid.NewGuid().ToString("N"));

    public SqliteTarget() => Directory.CreateDirectory(FilesDirectory);

    public string FilesDirectory => Path.Combine(_root, "files");

    public string DatabasePath => Path.Combine(_root, "experiments.db");

    public async Task<IExperimentStore> OpenAsync()
    {
        IExperimentStore store = await SqliteExperimentStore.OpenAsync(DatabasePath, CancellationToken.None);
        _opened.Add(store);
        return store;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (IExperimentStore store in _opened)
        {
            await store.DisposeAsync();
        }

        Directory.Delete(_root, recursive: true);
    }
}
