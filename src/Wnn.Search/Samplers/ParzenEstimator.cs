namespace Wnn.Search.Samplers;

/// <summary>
/// A weighted mixture of product kernels over several parameters (TPE's l(x) or g(x)): truncated normals for numeric
/// parameters (in log space for log domains, with step-wide bins for discrete ones) and smoothed one-hot vectors for
/// categorical ones, plus an optional prior kernel. Values are in "TPE space": log for log domains, else internal.
/// </summary>
internal sealed class ParzenEstimator
{
    private readonly ParamKernels[] _params;
    private readonly double[] _logWeights;
    private readonly double[] _cumulativeWeights;

    /// <summary>Fits the estimator; columns[p][i] is observation i of parameter p (TPE space).</summary>
    public ParzenEstimator(IReadOnlyList<ParameterDistribution> space, IReadOnlyList<double[]> columns, IReadOnlyList<double> observationWeights, TpeOptions options)
    {
        int nObs = observationWeights.Count;
        int nKernels = nObs + (options.ConsiderPrior ? 1 : 0);
        double[] weights = new double[nKernels];
        for (int i = 0; i < nObs; i++)
        {
            weights[i] = observationWeights[i];
        }

        if (options.ConsiderPrior)
        {
            weights[nObs] = options.PriorWeight;
        }

        double total = weights.Sum();
        if (total <= 0)
        {
            Array.Fill(weights, 1.0);
            total = nKernels;
        }

        _logWeights = new double[nKernels];
        _cumulativeWeights = new double[nKernels];
        double running = 0;
        for (int k = 0; k < nKernels; k++)
        {
            _logWeights[k] = Math.Log(weights[k] / total);
            running += weights[k] / total;
            _cumulativeWeights[k] = running;
        }

        _params = new ParamKernels[space.Count];
        for (int p = 0; p < space.Count; p++)
        {
            double[] column = columns[p];
            _params[p] = space[p] is CategoricalDistribution c
                ? ParamKernels.Categorical(c.Choices.Count, column, options)
                : ParamKernels.Numeric(space[p], column, options, space.Count);
        }
    }

    public int KernelCount => _logWeights.Length;

    /// <summary>Maps an internal value into TPE space.</summary>
    public static double ToTpeSpace(ParameterDistribution d, double internalValue) =>
        d is FloatDistribution { Log: true } or IntDistribution { Log: true } ? Math.Log(internalValue) : internalValue;

    /// <summary>Maps a TPE-space value back to a legal internal value.</summary>
    public static double FromTpeSpace(ParameterDistribution d, double x) => d switch
    {
        FloatDistribution f => f.Snap(f.Log ? Math.Exp(x) : x),
        IntDistribution i => i.Snap(i.Log ? Math.Exp(x) : x),
        _ => x,
    };

    /// <summary>Draws samples (rows: samples, columns: parameters, TPE space).</summary>
    public double[][] Sample(SearchRandom random, int count)
    {
        var result = new double[count][];
        for (int s = 0; s < count; s++)
        {
            double u = random.NextDouble();
            int k = Array.BinarySearch(_cumulativeWeights, u);
            k = k < 0 ? Math.Min(~k, _cumulativeWeights.Length - 1) : k;
            result[s] = new double[_params.Length];
            for (int p = 0; p < _params.Length; p++)
            {
                result[s][p] = _params[p].Sample(random, k);
            }
        }

        return result;
    }

    /// <summary>log density (or mass, for discrete and categorical parameters) of each sample.</summary>
    public double[] LogPdf(double[][] samples)
    {
        int nKernels = _logWeights.Length;
        double[] result = new double[samples.Length];
        double[] perKernel = new double[nKernels];
        for (int s = 0; s < samples.Length; s++)
        {
            Array.Copy(_logWeights, perKernel, nKernels);
            for (int p = 0; p < _params.Length; p++)
            {
                _params[p].AddLogPdf(samples[s][p], perKernel);
            }

            result[s] = KernelMath.LogSumExp(perKernel);
        }

        return result;
    }

    private sealed class ParamKernels
    {
        private double[] _mus = [];
        private double[] _sigmas = [];
        private double[] _logNormalizers = [];
        private double[] _invSigmas = [];
        private double[] _logConsts = [];
        private double _low;
        private double _high;
        private double _step;
        private double[][] _logProbs = [];
        private double[][] _cumProbs = [];

        public static ParamKernels Categorical(int nChoices, double[] observations, TpeOptions options)
        {
            int nObs = observations.Length;
            int nKernels = nObs + (options.ConsiderPrior ? 1 : 0);
            var kernels = new ParamKernels { _logProbs = new double[nKernels][], _cumProbs = new double[nKernels][] };
            double floor = options.ConsiderPrior ? options.PriorWeight / nKernels : 0;
            for (int k = 0; k < nKernels; k++)
            {
                double[] w = new double[nChoices];
                Array.Fill(w, floor);
                if (k < nObs)
                {
                    w[(int)observations[k]] += 1;
                }

                double total = w.Sum();
                kernels._logProbs[k] = new double[nChoices];
                kernels._cumProbs[k] = new double[nChoices];
                double running = 0;
                for (int c = 0; c < nChoices; c++)
                {
                    kernels._logProbs[k][c] = total > 0 ? Math.Log(w[c] / total) : -Math.Log(nChoices);
                    running += total > 0 ? w[c] / total : 1.0 / nChoices;
                    kernels._cumProbs[k][c] = running;
                }
            }

            return kernels;
        }

        public static ParamKernels Numeric(ParameterDistribution d, double[] observations, TpeOptions options, int nParams)
        {
            double low, high, step = 0;
            switch (d)
            {
                case FloatDistribution { Log: true } f:
                    (low, high) = (Math.Log(f.Low), Math.Log(f.High));
                    break;
                case FloatDistribution f:
                    step = f.Step ?? 0;
                    (low, high) = (f.Low - (step / 2), f.High + (step / 2));
                    break;
                case IntDistribution { Log: true } i:
                    (low, high) = (Math.Log(i.Low - 0.5), Math.Log(i.High + 0.5));
                    break;
                case IntDistribution i:
                    step = i.Step;
                    (low, high) = (i.Low - (step / 2), i.High + (step / 2));
                    break;
                default:
                    throw new ArgumentException($"Unsupported distribution {d.Describe()}.", nameof(d));
            }

            int nObs = observations.Length;
            double[] mus = new double[nObs + (options.ConsiderPrior ? 1 : 0)];
            double[] sigmas = new double[mus.Length];
            double range = high - low;
            if (options.Multivariate)
            {
                double sigma = 0.2 * Math.Pow(Math.Max(nObs, 1), -1.0 / (nParams + 4)) * range;
                for (int i = 0; i < nObs; i++)
                {
                    mus[i] = observations[i];
                    sigmas[i] = sigma;
                }
            }
            else if (nObs > 0)
            {
                // As in Optuna and hyperopt, the prior's centre is one of the sorted points when sizing kernels by their neighbours.
                int nPoints = mus.Length;
                double[] points = new double[nPoints];
                Array.Copy(observations, points, nObs);
                if (options.ConsiderPrior)
                {
                    points[^1] = 0.5 * (low + high);
                }

                int[] order = new int[nPoints];
                double[] keys = (double[])points.Clone();
                for (int i = 0; i < nPoints; i++)
                {
                    order[i] = i;
                }

                Array.Sort(keys, order);
                double[] padded = new double[nPoints + 2];
                padded[0] = low;
                padded[^1] = high;
                for (int j = 0; j < nPoints; j++)
                {
                    padded[j + 1] = points[order[j]];
                }

                for (int j = 0; j < nPoints; j++)
                {
                    double left = padded[j + 1] - padded[j];
                    double right = padded[j + 2] - padded[j + 1];
                    if (!options.ConsiderEndpoints && nPoints >= 2)
                    {
                        left = j == 0 ? right : left;
                        right = j == nPoints - 1 ? left : right;
                    }

                    mus[order[j]] = points[order[j]];
                    sigmas[order[j]] = Math.Max(left, right);
                }
            }

            if (options.ConsiderPrior)
            {
                mus[^1] = 0.5 * (low + high);
                sigmas[^1] = range;
            }

            double minSigma = options.ConsiderMagicClip ? range / Math.Min(100.0, 1.0 + mus.Length) : 1e-12;
            for (int k = 0; k < sigmas.Length; k++)
            {
                sigmas[k] = Math.Clamp(sigmas[k], minSigma, range);
            }

            var kernels = new ParamKernels { _mus = mus, _sigmas = sigmas, _low = low, _high = high, _step = step, _logNormalizers = new double[mus.Length] };
            kernels._invSigmas = new double[mus.Length];
            kernels._logConsts = new double[mus.Length];
            for (int k = 0; k < mus.Length; k++)
            {
                kernels._logNormalizers[k] = NormalMath.LogMass((low - mus[k]) / sigmas[k], (high - mus[k]) / sigmas[k]);
                kernels._invSigmas[k] = 1.0 / sigmas[k];
                kernels._logConsts[k] = -Math.Log(sigmas[k]) - NormalMath.LogSqrt2Pi - kernels._logNormalizers[k];
            }

            return kernels;
        }

        public double Sample(SearchRandom random, int k)
        {
            if (_cumProbs.Length > 0)
            {
                double u = random.NextDouble();
                double[] cum = _cumProbs[k];
                for (int c = 0; c < cum.Length; c++)
                {
                    if (u < cum[c])
                    {
                        return c;
                    }
                }

                return cum.Length - 1;
            }

            // Kernel centres lie in [low, high] and sigma <= range, so at least ~1/3 of draws land inside.
            double x = _mus[k];
            for (int attempt = 0; attempt < 100; attempt++)
            {
                x = _mus[k] + (_sigmas[k] * random.NextGaussian());
                if (x >= _low && x <= _high)
                {
                    break;
                }
            }

            x = Math.Clamp(x, _low, _high);
            if (_step > 0)
            {
                // Round to the nearest legal bin centre (bins are step wide, centred on low + step/2 + j * step).
                double first = _low + (_step / 2);
                x = first + (Math.Round((x - first) / _step) * _step);
                x = Math.Clamp(x, first, _high - (_step / 2));
            }

            return x;
        }

        public void AddLogPdf(double x, double[] perKernel)
        {
            if (_logProbs.Length > 0)
            {
                int c = (int)x;
                for (int k = 0; k < perKernel.Length; k++)
                {
                    perKernel[k] += _logProbs[k][c];
                }

                return;
            }

            if (_step > 0)
            {
                double half = _step / 2;
                for (int k = 0; k < perKernel.Length; k++)
                {
                    double s = _sigmas[k];
                    perKernel[k] += NormalMath.LogMass((x - half - _mus[k]) / s, (x + half - _mus[k]) / s) - _logNormalizers[k];
                }

                return;
            }

            KernelMath.AddGaussianLogPdf(x, _mus, _invSigmas, _logConsts, perKernel);
        }
    }
}
