using Microsoft.Extensions.Logging;
using Wnn.Storage;

namespace Wnn.Server;

/// <summary>
/// The last integrity check of the store (run on start, on <c>/api/health?check=true</c> and after a storage error),
/// logged as one line with the fix whenever the database turns out damaged.
/// </summary>
public sealed class StoreHealth(IExperimentStore store, ILogger<StoreHealth> logger)
{
    private static readonly TimeSpan MinRecheck = TimeSpan.FromSeconds(5);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private DateTime _checkedAt = DateTime.MinValue;

    /// <summary>The last result (sound until the first check).</summary>
    public StoreIntegrity Current { get; private set; } = StoreIntegrity.Sound;

    /// <summary>One line naming the damage and the fix.</summary>
    public string Describe() => Current.Describe(store.Location);

    /// <summary>Runs the check now (or returns a result younger than 5 s when <paramref name="force"/> is false).</summary>
    public async Task<StoreIntegrity> CheckAsync(bool force, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!force && DateTime.UtcNow - _checkedAt < MinRecheck)
            {
                return Current;
            }

            StoreIntegrity result = await store.CheckIntegrityAsync(cancellationToken);
            _checkedAt = DateTime.UtcNow;
            if (!result.IsSound && !SameDamage(result, Current))
            {
#pragma warning disable CA1848, CA2254 // one line, once per change of state
                logger.LogError(result.Describe(store.Location));
#pragma warning restore CA1848, CA2254
            }

            Current = result;
            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    private static bool SameDamage(StoreIntegrity a, StoreIntegrity b) =>
        a.DamagedTables.SequenceEqual(b.DamagedTables) && a.Messages.SequenceEqual(b.Messages);
}
