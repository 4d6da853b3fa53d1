namespace Wnn.Search.Samplers;

/// <summary>One parameter's kernels in a Parzen estimator: truncated normals (numeric) or smoothed one-hot vectors (categorical).</summary>
internal sealed class ParamKernels
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
        (double low, double high, double step) = Bounds(d);
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
            for (int i = 0; i < nPoints; i++)
            {
                order[i] = i;
            }

            // Equal values keep kernel order (trial order, prior last), as the kernels kept between asks do.
            Array.Sort(order, (a, b) => points[a] != points[b] ? points[a].CompareTo(points[b]) : a.CompareTo(b));
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

        double[] logNormalizers = new double[mus.Length];
        double[] invSigmas = new double[mus.Length];
        double[] logConsts = new double[mus.Length];
        for (int k = 0; k < mus.Length; k++)
        {
            (logNormalizers[k], invSigmas[k], logConsts[k]) = Terms(mus[k], sigmas[k], low, high, options.WidthWeighting);
        }

        return Fitted(mus, sigmas, logNormalizers, invSigmas, logConsts, low, high, step);
    }

    /// <summary>Kernels from fitted arrays (numeric parameters; see <see cref="Terms"/>).</summary>
    public static ParamKernels Fitted(double[] mus, double[] sigmas, double[] logNormalizers, double[] invSigmas, double[] logConsts, double low, double high, double step) =>
        new() { _mus = mus, _sigmas = sigmas, _logNormalizers = logNormalizers, _invSigmas = invSigmas, _logConsts = logConsts, _low = low, _high = high, _step = step };

    /// <summary>The truncation bounds in TPE space (widened by half a step for discrete domains) and the step (0: continuous).</summary>
    public static (double Low, double High, double Step) Bounds(ParameterDistribution d) => d switch
    {
        FloatDistribution { Log: true } f => (Math.Log(f.Low), Math.Log(f.High), 0),
        FloatDistribution f => (f.Low - ((f.Step ?? 0) / 2), f.High + ((f.Step ?? 0) / 2), f.Step ?? 0),
        IntDistribution { Log: true } i => (Math.Log(i.Low - 0.5), Math.Log(i.High + 0.5), 0),
        IntDistribution i => (i.Low - (i.Step / 2.0), i.High + (i.Step / 2.0), i.Step),
        _ => throw new ArgumentException($"Unsupported distribution {d.Describe()}.", nameof(d)),
    };

    /// <summary>
    /// A kernel's log normalizer (mass inside the bounds), inverse width and log constant of its density, times σ^widthWeighting
    /// (<see cref="TpeOptions.WidthWeighting"/>: 0 is the true density, 1 is Optuna 3.1's, which leaves out −log σ).
    /// </summary>
    public static (double LogNormalizer, double InvSigma, double LogConst) Terms(double mu, double sigma, double low, double high, double widthWeighting)
    {
        double logNormalizer = NormalMath.LogMass((low - mu) / sigma, (high - mu) / sigma);
        double logSigma = widthWeighting == 0 ? -Math.Log(sigma) : (widthWeighting - 1) * Math.Log(sigma);
        return (logNormalizer, 1.0 / sigma, logSigma - NormalMath.LogSqrt2Pi - logNormalizer);
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
