namespace Wnn.Search.Samplers;

/// <summary>
/// One numeric parameter's univariate TPE kernels for one side (below or above), kept between asks. A kernel's width
/// depends only on its neighbours in sorted order, so when a trial joins or leaves the side only the widths next to it
/// are recomputed, and a kernel's normalizer is recomputed only when its (clipped) width changed. The result equals
/// <see cref="ParamKernels.Numeric"/> on the same observations exactly (same arithmetic, same tie order).
/// Observations are keyed by the sampler's dense trial index; numbers (trial numbers) order equal values.
/// </summary>
internal sealed class NumericKernelCache
{
    private const int NoKernel = -1;
    private readonly double _low, _high, _step, _range, _centre, _widthWeighting;
    private readonly bool _prior, _endpoints, _magicClip;

    // Sorted points (value, then trial number; the prior is the last of equals) with the dense index of each (-1: prior).
    private double[] _values = new double[64];
    private int[] _numbers = new int[64];
    private int[] _dense = new int[64];
    private int _count;

    // By dense index: membership, raw width, and the terms of the clipped width last used.
    private bool[] _member = [];
    private double[] _raw = [];
    private double[] _usedSigma = [];
    private double[] _logNorm = [];
    private double[] _inv = [];
    private double[] _logConst = [];
    private int[] _stamp = [];
    private int _generation;
    private bool _fitted;

    public NumericKernelCache(ParameterDistribution distribution, TpeOptions options)
    {
        (_low, _high, _step) = ParamKernels.Bounds(distribution);
        _range = _high - _low;
        _centre = 0.5 * (_low + _high);
        _prior = options.ConsiderPrior;
        _endpoints = options.ConsiderEndpoints;
        _magicClip = options.ConsiderMagicClip;
        _widthWeighting = options.WidthWeighting;
    }

    /// <summary>The kernels for these observations (dense indices, trial numbers and TPE-space values, all in trial order; at least one).</summary>
    public ParamKernels Fit(int[] dense, int[] numbers, double[] values)
    {
        int n = dense.Length;
        Grow(dense);
        _generation++;
        int added = 0;
        foreach (int d in dense)
        {
            _stamp[d] = _generation;
            added += _member[d] ? 0 : 1;
        }

        int removed = _count - (_prior ? 1 : 0) + added - n;
        if (!_fitted || added + removed > 16 + (n / 8) || n + (_prior ? 1 : 0) < 3)
        {
            Rebuild(dense, numbers, values);
        }
        else
        {
            for (int j = _count - 1; j >= 0 && removed > 0; j--)
            {
                if (_dense[j] != NoKernel && _stamp[_dense[j]] != _generation)
                {
                    _member[_dense[j]] = false;
                    RemoveAt(j);
                    removed--;
                }
            }

            for (int i = 0; i < n && added > 0; i++)
            {
                if (!_member[dense[i]])
                {
                    _member[dense[i]] = true;
                    Insert(values[i], numbers[i], dense[i]);
                    added--;
                }
            }
        }

        int kernels = n + (_prior ? 1 : 0);
        double[] mus = new double[kernels];
        double[] sigmas = new double[kernels];
        double[] logNorms = new double[kernels];
        double[] invs = new double[kernels];
        double[] logConsts = new double[kernels];
        double minSigma = _magicClip ? _range / Math.Min(100.0, 1.0 + kernels) : 1e-12;
        for (int i = 0; i < n; i++)
        {
            int d = dense[i];
            double s = Math.Clamp(_raw[d], minSigma, _range);
            if (s != _usedSigma[d])
            {
                _usedSigma[d] = s;
                (_logNorm[d], _inv[d], _logConst[d]) = ParamKernels.Terms(values[i], s, _low, _high, _widthWeighting);
            }

            (mus[i], sigmas[i], logNorms[i], invs[i], logConsts[i]) = (values[i], s, _logNorm[d], _inv[d], _logConst[d]);
        }

        if (_prior)
        {
            double s = Math.Clamp(_range, minSigma, _range);
            mus[n] = _centre;
            sigmas[n] = s;
            (logNorms[n], invs[n], logConsts[n]) = ParamKernels.Terms(_centre, s, _low, _high, _widthWeighting);
        }

        _fitted = true;
        return ParamKernels.Fitted(mus, sigmas, logNorms, invs, logConsts, _low, _high, _step);
    }

    private void Grow(int[] dense)
    {
        int max = -1;
        foreach (int d in dense)
        {
            max = Math.Max(max, d);
        }

        if (max < _member.Length)
        {
            return;
        }

        int size = Math.Max(max + 1, _member.Length * 2);
        Array.Resize(ref _member, size);
        Array.Resize(ref _raw, size);
        Array.Resize(ref _logNorm, size);
        Array.Resize(ref _inv, size);
        Array.Resize(ref _logConst, size);
        Array.Resize(ref _stamp, size);
        int old = _usedSigma.Length;
        Array.Resize(ref _usedSigma, size);
        Array.Fill(_usedSigma, double.NaN, old, size - old);
    }

    private void Rebuild(int[] dense, int[] numbers, double[] values)
    {
        foreach (int d in _dense.AsSpan(0, _count))
        {
            if (d != NoKernel)
            {
                _member[d] = false;
            }
        }

        _count = 0;
        EnsureRoom(dense.Length + 1);
        for (int i = 0; i < dense.Length; i++)
        {
            (_values[_count], _numbers[_count], _dense[_count]) = (values[i], numbers[i], dense[i]);
            _member[dense[i]] = true;
            _count++;
        }

        if (_prior)
        {
            (_values[_count], _numbers[_count], _dense[_count]) = (_centre, int.MaxValue, NoKernel);
            _count++;
        }

        int[] order = new int[_count];
        for (int i = 0; i < _count; i++)
        {
            order[i] = i;
        }

        double[] v = _values;
        int[] num = _numbers;
        Array.Sort(order, (a, b) => v[a] != v[b] ? v[a].CompareTo(v[b]) : num[a].CompareTo(num[b]));
        double[] sv = new double[_values.Length];
        int[] sn = new int[_values.Length];
        int[] sd = new int[_values.Length];
        for (int j = 0; j < _count; j++)
        {
            (sv[j], sn[j], sd[j]) = (_values[order[j]], _numbers[order[j]], _dense[order[j]]);
        }

        (_values, _numbers, _dense) = (sv, sn, sd);
        for (int j = 0; j < _count; j++)
        {
            UpdateRaw(j);
        }
    }

    private void EnsureRoom(int count)
    {
        if (count > _values.Length)
        {
            int size = Math.Max(count, _values.Length * 2);
            Array.Resize(ref _values, size);
            Array.Resize(ref _numbers, size);
            Array.Resize(ref _dense, size);
        }
    }

    private int Position(double value, int number)
    {
        int lo = 0, hi = _count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            bool before = _values[mid] != value ? _values[mid] < value : _numbers[mid] < number;
            (lo, hi) = before ? (mid + 1, hi) : (lo, mid);
        }

        return lo;
    }

    private void Insert(double value, int number, int dense)
    {
        EnsureRoom(_count + 1);
        int j = Position(value, number);
        Array.Copy(_values, j, _values, j + 1, _count - j);
        Array.Copy(_numbers, j, _numbers, j + 1, _count - j);
        Array.Copy(_dense, j, _dense, j + 1, _count - j);
        (_values[j], _numbers[j], _dense[j]) = (value, number, dense);
        _count++;
        Neighbours(j, j + 1);
    }

    private void RemoveAt(int j)
    {
        Array.Copy(_values, j + 1, _values, j, _count - j - 1);
        Array.Copy(_numbers, j + 1, _numbers, j, _count - j - 1);
        Array.Copy(_dense, j + 1, _dense, j, _count - j - 1);
        _count--;
        Neighbours(j - 1, j);
    }

    /// <summary>Recomputes the widths of positions first..last and their outer neighbours (the ends also depend on the count).</summary>
    private void Neighbours(int first, int last)
    {
        for (int j = Math.Max(0, first - 1); j <= Math.Min(_count - 1, last); j++)
        {
            UpdateRaw(j);
        }

        // Without endpoints the first and last widths copy their inner side, which moved when a neighbour did.
        UpdateRaw(0);
        UpdateRaw(_count - 1);
    }

    private void UpdateRaw(int j)
    {
        if (j < 0 || j >= _count || _dense[j] == NoKernel)
        {
            return;
        }

        double left = _values[j] - (j == 0 ? _low : _values[j - 1]);
        double right = (j == _count - 1 ? _high : _values[j + 1]) - _values[j];
        if (!_endpoints && _count >= 2)
        {
            left = j == 0 ? right : left;
            right = j == _count - 1 ? left : right;
        }

        _raw[_dense[j]] = Math.Max(left, right);
    }
}
