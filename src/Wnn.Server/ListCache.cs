using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Wnn.Storage;

namespace Wnn.Server;

/// <summary>
/// Rendered list answers, reused while the store has not changed. The store's change stamp is the id of its last event
/// (every mutation appends one in its own transaction, and ids commit in order on both databases) plus, for flow lists,
/// the heartbeats of running flows (the one flow column written without an event). The stamp is read before the rows,
/// so an answer is never older than the stamp it is filed under; any change, by this process or another, gives a new
/// stamp and the next request renders afresh. Answers are byte-for-byte what an uncached render gives, ETag included.
/// Nothing is reused while the last integrity check failed: every read then goes to the tables and reports their state.
/// </summary>
public sealed class ListCache(StoreHealth health)
{
    /// <summary>Distinct list URLs kept per stamp (beyond that, answers are rendered and not kept).</summary>
    public const int MaxEntries = 64;

    private Generation _current = new(string.Empty);

    /// <summary>Answers from the cache when the store's stamp still matches, else renders with <paramref name="render"/> and keeps it.</summary>
    public async Task<IResult> AnswerAsync(
        HttpContext context, IExperimentStore store, bool flowHeartbeats, Func<Task<ListBody>> render, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(render);
        if (!health.Current.IsSound)
        {
            return ListPage.Send(context, await render());
        }

        string stamp = await store.GetChangeStampAsync(flowHeartbeats, cancellationToken);
        Generation generation = Volatile.Read(ref _current);
        if (generation.Stamp != stamp)
        {
            // A request that read an older stamp may install it again; that costs a render, never a stale answer.
            var fresh = new Generation(stamp);
            generation = Interlocked.CompareExchange(ref _current, fresh, generation) == generation ? fresh : Volatile.Read(ref _current);
        }

        string key = context.Request.Path.Value + context.Request.QueryString.Value;
        if (generation.Stamp != stamp || !generation.Bodies.TryGetValue(key, out ListBody? body))
        {
            body = await render();
            if (generation.Stamp == stamp && generation.Bodies.Count < MaxEntries)
            {
                generation.Bodies.TryAdd(key, body);
            }
        }

        return ListPage.Send(context, body);
    }

    private sealed class Generation(string stamp)
    {
        public string Stamp { get; } = stamp;

        public ConcurrentDictionary<string, ListBody> Bodies { get; } = new(StringComparer.Ordinal);
    }
}
