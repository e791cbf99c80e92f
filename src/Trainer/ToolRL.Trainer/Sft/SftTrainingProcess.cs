using System.Diagnostics;
using ToolRL.Trainer.Models;
using ToolRL.Trainer.Optimization;
using ToolRL.Trainer.Runs;
using ToolRL.Trainer.Text.ChatTemplates;
using static TorchSharp.torch;

namespace ToolRL.Trainer.Sft;

/// <summary>
/// One SFT step for <see cref="ResumableTrainingLoop"/>: the next batch of the seeded example order, the assistant-token
/// loss (<see cref="SftLoss"/>), the step's learning rate from the schedule, one clipped AdamW update. The data cursor
/// counts the batches drawn, so a resumed run redraws to where its checkpoint left off and continues exactly as an
/// uninterrupted one. Checkpoints are HF folders plus the optimizer state (<see cref="PolicyCheckpoint"/>).
/// </summary>
internal sealed class SftTrainingProcess : ITrainingProcess, IDisposable
{
    private readonly CausalLM _model;
    private readonly IReadOnlyList<SftExample> _examples;
    private readonly SftOptions _options;
    private readonly string _filesDirectory;
    private readonly ChatTemplateOptions _chatOptions;
    private readonly PolicyOptimizer _optimizer;
    private Func<int[]> _nextBatch;
    private long _drawn;

    /// <param name="model">The model, trained in place.</param>
    /// <param name="examples">The examples (validated here).</param>
    /// <param name="options">Steps, batch size, optimizer, schedule, seed of the order.</param>
    /// <param name="filesDirectory">Tokenizer files copied into each checkpoint, so that it is a complete HF folder.</param>
    /// <param name="chatOptions">The chat options each checkpoint records.</param>
    public SftTrainingProcess(CausalLM model, IReadOnlyList<SftExample> examples, SftOptions options, string filesDirectory, ChatTemplateOptions chatOptions)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(examples);
        options.Validate();
        if (examples.Count == 0) throw new ArgumentException("No SFT examples to train on.", nameof(examples));
        foreach (var e in examples) e.Validate();
        (_model, _examples, _options, _filesDirectory, _chatOptions) = (model, examples, options, filesDirectory, chatOptions);
        _optimizer = new PolicyOptimizer(model.parameters(), options.Optimizer);
        _nextBatch = NewOrder();
    }

    /// <inheritdoc/>
    public Task<TrainingStepOutcome> RunStepAsync(StepContext context, CancellationToken cancellationToken)
    {
        if (_drawn != context.DataCursor)
        {
            _nextBatch = NewOrder();
            for (_drawn = 0; _drawn < context.DataCursor; _drawn++) _nextBatch();
        }
        cancellationToken.ThrowIfCancellationRequested();
        var clock = Stopwatch.StartNew();
        var batch = _nextBatch().Select(i => _examples[i]).ToArray();
        _drawn++;
        _model.train();
        double loss;
        using (NewDisposeScope())
        {
            var batchLoss = SftLoss.BatchLoss(_model, batch, _options.PadTokenId, _options.MinSharedPrefix);
            batchLoss.backward();
            loss = batchLoss.item<float>();
        }
        var learningRate = _options.Schedule.At(context.Step - 1, _options.Steps, _options.Optimizer.LearningRate);
        _optimizer.LearningRate = learningRate;
        var update = _optimizer.Step();
        _model.eval();
        long tokens = batch.Sum(e => (long)e.TokenIds.Length);
        var metrics = new Dictionary<string, double>
        {
            [MetricNames.Loss] = loss,
            [MetricNames.LearningRate] = learningRate,
            [MetricNames.GradNorm] = update.GradNorm,
            [MetricNames.TargetTokens] = batch.Sum(e => (long)e.TargetTokenCount),
            [MetricNames.Tokens] = tokens,
            [MetricNames.TokensPerSecond] = tokens / Math.Max(clock.Elapsed.TotalSeconds, 1e-9),
        };
        return Task.FromResult(new TrainingStepOutcome(metrics, _drawn));
    }

    /// <inheritdoc/>
    public void SaveCheckpoint(string directory) => PolicyCheckpoint.Save(directory, _model, _optimizer, _filesDirectory, _chatOptions);

    /// <inheritdoc/>
    public void LoadCheckpoint(string directory) => PolicyCheckpoint.Load(directory, _model, _optimizer);

    /// <inheritdoc/>
    public void Dispose() => _optimizer.Dispose();

    /// <summary>A fresh order from the seed: prefix-grouped batches when sharing is on, plain shuffled ones otherwise.</summary>
    private Func<int[]> NewOrder()
    {
        if (_options.MinSharedPrefix > 0)
        {
            var grouped = new PrefixGroupedOrder(_examples, _options.BatchSize, _options.Seed, _options.MinSharedPrefix);
            return grouped.Next;
        }
        var order = new ExampleOrder(_examples.Count, _options.Seed);
        return () => order.Next(_options.BatchSize).ToArray();
    }
}
