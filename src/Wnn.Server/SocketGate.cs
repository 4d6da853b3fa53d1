namespace Wnn.Server;

/// <summary>Counts open <c>/ws</c> sockets against <see cref="ServerOptions.MaxSockets"/>.</summary>
public sealed class SocketGate(ServerOptions options)
{
    private int _open;

    /// <summary>Sockets open now.</summary>
    public int Open => Volatile.Read(ref _open);

    /// <summary>The cap.</summary>
    public int Max => options.MaxSockets;

    /// <summary>Takes a slot; false when the cap is reached (nothing taken).</summary>
    public bool TryEnter()
    {
        while (true)
        {
            int open = Volatile.Read(ref _open);
            if (open >= options.MaxSockets)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _open, open + 1, open) == open)
            {
                return true;
            }
        }
    }

    /// <summary>Gives a slot back.</summary>
    public void Exit() => Interlocked.Decrement(ref _open);
}
