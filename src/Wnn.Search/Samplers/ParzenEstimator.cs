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
        (_logWeights, _cumulativeWeights) = MixtureWeights(observationWeights, options);
        _params = new ParamKernels[space.Count];
        for (int p = 0; p < space.Count; p++)
        {
            double[] column = columns[p];
            _params[p] = space[p] is CategoricalDistribution c
                ? ParamKernels.Categorical(c.Choices.Count, column, options)
                : ParamKernels.Numeric(space[p], column, options, space.Count);
        }
    }

    /// <summary>An estimator over already fitted kernels (one parameter's kept between asks) and mixture weights from <see cref="MixtureWeights"/>.</summary>
    public ParzenEstimator(ParamKernels[] kernels, double[] logWeights, double[] cumulativeWeights)
    {
        _params = kernels;
        _logWeights = logWeights;
        _cumulativeWeights = cumulativeWeights;
    }

    /// <summary>log weight and cumulative weight of each kernel: the observations' weights, then the prior's.</summary>
    public static (double[] LogWeights, double[] Cumulative) MixtureWeights(IReadOnlyList<double> observationWeights, TpeOptions options)
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

        double[] logWeights = new double[nKernels];
        double[] cumulative = new double[nKernels];
        double running = 0;
        for (int k = 0; k < nKernels; k++)
        {
            logWeights[k] = Math.Log(weights[k] / total);
            running += weights[k] / total;
            cumulative[k] = running;
        }

        return (logWeights, cumulative);
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
}
