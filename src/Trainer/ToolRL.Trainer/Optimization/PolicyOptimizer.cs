using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ToolRL.Trainer.Optimization;

/// <summary>The outcome of one optimizer step.</summary>
/// <param name="GradNorm">The global gradient L2 norm before clipping.</param>
/// <param name="Applied">False when the norm was not finite and the step was skipped (as verl does).</param>
internal readonly record struct OptimizerStepResult(double GradNorm, bool Applied);

/// <summary>TorchSharp's AdamW over the trainable parameters, with global gradient-norm clipping.</summary>
internal sealed class PolicyOptimizer : IDisposable
{
    private readonly Parameter[] _parameters;
    private readonly AdamW _adam;

    /// <summary>Creates the optimizer over <paramref name="parameters"/> (typically <c>TrainableParameters.Select</c>'s result).</summary>
    public PolicyOptimizer(IEnumerable<Parameter> parameters, PolicyOptimizerOptions? settings = null)
    {
        Settings = settings ?? new PolicyOptimizerOptions();
        _parameters = parameters.ToArray();
        if (_parameters.Length == 0)
            throw new ArgumentException("No trainable parameter was given to the optimizer.", nameof(parameters));
        _adam = torch.optim.AdamW(_parameters, Settings.LearningRate, Settings.Beta1, Settings.Beta2,
            Settings.Epsilon, Settings.WeightDecay);
    }

    /// <summary>The settings in use.</summary>
    public PolicyOptimizerOptions Settings { get; }

    /// <summary>The parameters this optimizer updates.</summary>
    public IReadOnlyList<Parameter> Parameters => _parameters;

    /// <summary>Clears the gradients.</summary>
    public void ZeroGrad() => _adam.zero_grad();

    /// <summary>
    /// Clips the accumulated gradients to <see cref="PolicyOptimizerOptions.MaxGradNorm"/> and applies AdamW; a non-finite
    /// gradient norm skips the update. Gradients are cleared afterwards either way.
    /// </summary>
    public OptimizerStepResult Step()
    {
        var norm = ClipGradients();
        var applied = double.IsFinite(norm);
        if (applied)
            _adam.step();
        _adam.zero_grad();
        return new OptimizerStepResult(norm, applied);
    }

    /// <summary>
    /// Scales the accumulated gradients in place so that their global L2 norm is at most
    /// <see cref="PolicyOptimizerOptions.MaxGradNorm"/>; returns the norm before clipping.
    /// </summary>
    public double ClipGradients()
    {
        var clipTo = Settings.MaxGradNorm > 0 ? Settings.MaxGradNorm : double.PositiveInfinity;
        var withGrad = _parameters.Where(p => p.grad is not null).ToArray();
        return withGrad.Length == 0 ? 0.0 : torch.nn.utils.clip_grad_norm_(withGrad, clipTo);
    }

    /// <summary>The learning rate of the next step (a schedule sets it before each step).</summary>
    public double LearningRate
    {
        get => _adam.ParamGroups.First().LearningRate;
        set
        {
            if (!(value >= 0) || double.IsInfinity(value)) throw new ArgumentOutOfRangeException(nameof(value), value, "The learning rate must be finite and ≥ 0.");
            foreach (var group in _adam.ParamGroups) group.LearningRate = value;
        }
    }

    /// <summary>Writes the optimizer state (Adam moments, step counts) to <paramref name="path"/>.</summary>
    public void SaveState(string path) => _adam.save_state_dict(path);

    /// <summary>Restores a state written by <see cref="SaveState"/> for the same parameter list.</summary>
    public void LoadState(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"Optimizer state file '{path}' does not exist.", path);
        try
        {
            _adam.load_state_dict(path);
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException or FormatException or ArgumentException
                                       or InvalidOperationException or IOException and not FileNotFoundException)
        {
            // TorchSharp reads the file with a BinaryReader: a truncated or foreign file surfaces as a bare
            // EndOfStreamException (or a mismatch error) without the path.
            throw new ToolRL.IO.InvalidFileException(path, null,
                $"not an optimizer state written by this run's optimizer, or truncated ({e.GetType().Name}: {e.Message})", e);
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _adam.Dispose();
}
