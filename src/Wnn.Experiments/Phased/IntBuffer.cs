namespace Wnn.Experiments.Phased;

/// <summary>A growable int array for building genome fields in one pass.</summary>
internal sealed class IntBuffer(int capacity)
{
    private int[] _items = new int[Math.Max(16, capacity)];

    public int Count { get; private set; }

    public void Add(int value)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        _items[Count++] = value;
    }

    public void AddRange(ReadOnlySpan<int> values)
    {
        if (Count + values.Length > _items.Length)
        {
            Array.Resize(ref _items, Math.Max(_items.Length * 2, Count + values.Length));
        }

        values.CopyTo(_items.AsSpan(Count));
        Count += values.Length;
    }

    public int[] ToArray() => _items.AsSpan(0, Count).ToArray();
}
