namespace Wnn.Search.Samplers;

/// <summary>The (mu/mu_w, lambda)-CMA-ES distribution over the unit cube: mean, step size, covariance and evolution paths.</summary>
internal sealed class CmaEsState
{
    private readonly int _n;
    private readonly int _mu;
    private readonly double[] _weights;
    private readonly double _muEff, _cSigma, _dSigma, _cc, _c1, _cMu, _chiN;
    private readonly double[] _pSigma, _pc;
    private readonly double[,] _c;
    private readonly double[,] _b;
    private readonly double[] _d;
    private readonly double[] _minStd;
    private readonly List<double> _bestHistory = [];
    private readonly bool _separable;

    public CmaEsState(double[] mean, double sigma, int populationSize, double[] minStd, bool separable = false)
    {
        _separable = separable;
        _n = mean.Length;
        Mean = (double[])mean.Clone();
        Sigma = sigma;
        PopulationSize = populationSize;
        _minStd = minStd;
        _mu = populationSize / 2;
        _weights = new double[_mu];
        for (int i = 0; i < _mu; i++)
        {
            _weights[i] = Math.Log((populationSize + 1) / 2.0) - Math.Log(i + 1);
        }

        double sum = _weights.Sum();
        for (int i = 0; i < _mu; i++)
        {
            _weights[i] /= sum;
        }

        _muEff = 1.0 / _weights.Sum(w => w * w);
        _cSigma = (_muEff + 2) / (_n + _muEff + 5);
        _dSigma = 1 + (2 * Math.Max(0, Math.Sqrt((_muEff - 1) / (_n + 1)) - 1)) + _cSigma;
        _cc = (4 + (_muEff / _n)) / (_n + 4 + (2 * _muEff / _n));
        _c1 = 2 / (((_n + 1.3) * (_n + 1.3)) + _muEff);
        _cMu = Math.Min(1 - _c1, 2 * (_muEff - 2 + (1 / _muEff)) / (((_n + 2) * (_n + 2)) + _muEff));
        if (separable)
        {
            // sep-CMA-ES (Ros & Hansen 2008): the diagonal model learns (n + 2) / 3 times faster.
            _c1 *= (_n + 2) / 3.0;
            _cMu = Math.Min(1 - _c1, _cMu * (_n + 2) / 3.0);
        }

        _chiN = Math.Sqrt(_n) * (1 - (1.0 / (4 * _n)) + (1.0 / (21.0 * _n * _n)));
        _pSigma = new double[_n];
        _pc = new double[_n];
        _c = new double[_n, _n];
        _b = new double[_n, _n];
        _d = new double[_n];
        for (int i = 0; i < _n; i++)
        {
            _c[i, i] = 1;
            _b[i, i] = 1;
            _d[i] = 1;
        }
    }

    public double[] Mean { get; }

    public double Sigma { get; private set; }

    public int PopulationSize { get; }

    public int Generation { get; private set; }

    /// <summary>Draws a point inside [0, 1]^n (resampling up to 100 times, then clipping).</summary>
    public double[] Sample(SearchRandom random)
    {
        double[] x = new double[_n];
        for (int attempt = 0; attempt < 100; attempt++)
        {
            double[] z = new double[_n];
            for (int i = 0; i < _n; i++)
            {
                z[i] = _d[i] * random.NextGaussian();
            }

            bool inside = true;
            for (int i = 0; i < _n; i++)
            {
                double y = 0;
                for (int j = 0; j < _n; j++)
                {
                    y += _b[i, j] * z[j];
                }

                x[i] = Mean[i] + (Sigma * y);
                inside &= x[i] >= 0 && x[i] <= 1;
            }

            if (inside)
            {
                return x;
            }
        }

        for (int i = 0; i < _n; i++)
        {
            x[i] = Math.Clamp(x[i], 0, 1);
        }

        return x;
    }

    /// <summary>Updates the distribution from one generation of (point, fitness) pairs, best (smallest) first after sorting.</summary>
    public void Tell(IReadOnlyList<(double[] X, double Fitness)> solutions)
    {
        var sorted = solutions.OrderBy(s => s.Fitness).ToList();
        Generation++;
        double[][] ys = new double[_mu][];
        double[] yw = new double[_n];
        for (int k = 0; k < _mu; k++)
        {
            ys[k] = new double[_n];
            for (int i = 0; i < _n; i++)
            {
                ys[k][i] = (sorted[k].X[i] - Mean[i]) / Sigma;
                yw[i] += _weights[k] * ys[k][i];
            }
        }

        for (int i = 0; i < _n; i++)
        {
            Mean[i] += Sigma * yw[i];
        }

        // C^{-1/2} y_w = B D^{-1} B^T y_w.
        double[] bty = new double[_n];
        for (int j = 0; j < _n; j++)
        {
            for (int i = 0; i < _n; i++)
            {
                bty[j] += _b[i, j] * yw[i];
            }

            bty[j] /= _d[j];
        }

        double norm = 0;
        double cs = Math.Sqrt(_cSigma * (2 - _cSigma) * _muEff);
        for (int i = 0; i < _n; i++)
        {
            double invSqrtCy = 0;
            for (int j = 0; j < _n; j++)
            {
                invSqrtCy += _b[i, j] * bty[j];
            }

            _pSigma[i] = ((1 - _cSigma) * _pSigma[i]) + (cs * invSqrtCy);
            norm += _pSigma[i] * _pSigma[i];
        }

        norm = Math.Sqrt(norm);
        double hSigma = norm / Math.Sqrt(1 - Math.Pow(1 - _cSigma, 2 * Generation)) < (1.4 + (2.0 / (_n + 1))) * _chiN ? 1 : 0;
        double ccs = Math.Sqrt(_cc * (2 - _cc) * _muEff);
        for (int i = 0; i < _n; i++)
        {
            _pc[i] = ((1 - _cc) * _pc[i]) + (hSigma * ccs * yw[i]);
        }

        double decay = 1 - _c1 - _cMu + ((1 - hSigma) * _c1 * _cc * (2 - _cc));
        for (int i = 0; i < _n; i++)
        {
            for (int j = _separable ? i : 0; j <= i; j++)
            {
                double rankMu = 0;
                for (int k = 0; k < _mu; k++)
                {
                    rankMu += _weights[k] * ys[k][i] * ys[k][j];
                }

                double v = (decay * _c[i, j]) + (_c1 * _pc[i] * _pc[j]) + (_cMu * rankMu);
                _c[i, j] = v;
                _c[j, i] = v;
            }
        }

        Sigma *= Math.Exp(Math.Min(1.0, (_cSigma / _dSigma) * ((norm / _chiN) - 1)));
        ApplyMargin();
        if (_separable)
        {
            // Diagonal covariance: the eigenvectors are the axes and the eigenvalues the variances.
            for (int i = 0; i < _n; i++)
            {
                _d[i] = _c[i, i];
            }
        }
        else
        {
            SymmetricEigen.Decompose(_c, _b, _d);
        }

        for (int i = 0; i < _n; i++)
        {
            _d[i] = Math.Sqrt(Math.Max(_d[i], 1e-300));
        }

        _bestHistory.Add(sorted[0].Fitness);
        LastGenerationRange = sorted[^1].Fitness - sorted[0].Fitness;
    }

    public double LastGenerationRange { get; private set; } = double.PositiveInfinity;

    /// <summary>True when a restart is due: the search collapsed, stalled or became ill-conditioned.</summary>
    public bool ShouldStop()
    {
        if (Generation == 0)
        {
            return false;
        }

        int window = 10 + (int)Math.Ceiling(30.0 * _n / PopulationSize);
        if (_bestHistory.Count > window)
        {
            IEnumerable<double> recent = _bestHistory.Skip(_bestHistory.Count - window);
            if (recent.Max() - recent.Min() < 1e-12 && LastGenerationRange < 1e-12)
            {
                return true;
            }
        }

        bool tinyX = true;
        for (int i = 0; i < _n; i++)
        {
            tinyX &= Sigma * Math.Sqrt(_c[i, i]) < 1e-11 && Sigma * Math.Abs(_pc[i]) < 1e-11;
        }

        double maxD = _d.Max();
        double minD = _d.Min();
        return tinyX || (minD > 0 && maxD * maxD / (minD * minD) > 1e14) || Sigma * maxD > 1e32 || !double.IsFinite(Sigma);
    }

    private void ApplyMargin()
    {
        // Keep a minimum marginal standard deviation along discrete axes so rounding cannot freeze them (a light form of CMA-ES with margin).
        for (int i = 0; i < _n; i++)
        {
            double std = Sigma * Math.Sqrt(_c[i, i]);
            if (_minStd[i] > 0 && std < _minStd[i])
            {
                double f = _minStd[i] / Math.Max(std, 1e-300);
                for (int j = 0; j < _n; j++)
                {
                    if (j != i)
                    {
                        _c[i, j] *= f;
                        _c[j, i] *= f;
                    }
                }

                _c[i, i] *= f * f;
            }
        }
    }
}
