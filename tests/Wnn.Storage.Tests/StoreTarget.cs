using Wnn.Storage;

namespace Wnn.Storage.Tests;

/// <summary>A real database for one test: opened once or several times (several "processes"), dropped at the end.</summary>
public interface IStoreTarget : IAsyncDisposable
{
    /// <summary>Opens a new store instance on the test database.</summary>
    Task<IExperimentStore> OpenAsync();

    /// <summary>Directory for checkpoint files of this test.</summary>
    string FilesDirectory { get; }
}
