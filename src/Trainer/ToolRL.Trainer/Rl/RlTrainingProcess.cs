using ToolRL.Environments;
using ToolRL.Episodes;
using ToolRL.Rewards;
using ToolRL.Tasks;
using ToolRL.Trainer.Evaluation;
using ToolRL.Trainer.Models;
using ToolRL.Trainer.Optimization;
using ToolRL.Trainer.Policies;
using ToolRL.Trainer.Rollouts;
using ToolRL.Trainer.Runs;

namespace ToolRL.Trainer.Rl;

/// <summary>
/// One RL training step as the paper runs it, for <see cref="ResumableTrainingLoop"/>: roll out the current policy
/// on the next training tasks (the data cursor walks a seeded shuffle of them), or take them from another
/// <see cref="IRlPromptSource"/>; take the step records as prompts, sample <see cref="RunConfig.SamplesPerPrompt"/> next turns per prompt, score them by replay, and update with
/// GRPO or REINFORCE++. Checkpoints are HF folders (safetensors + config + tokenizer files) plus the optimizer state.
/// </summary>
public sealed class RlTrainingProcess : ITrainingProcess, IDisposable
{
    private readonly RunConfig _config;
    private readonly IToolEnvironment _environment;
    private readonly TorchPolicy _policy;
    private readonly IReadOnlyList<EnvironmentTask> _tasks;
    private readonly string _modelDirectory;
    private readonly PolicyOptimizer _optimizer;
    private readonly RlUpdater _updater;
    private readonly IRlPromptSource _prompts;
    private readonly GroupSampler _sampler;

    /// <summary>Creates the process.</summary>
    /// <param name="config">The run configuration.</param>
    /// <param name="environment">The environment whose tools and tasks are used.</param>
    /// <param name="policy">The trainable policy.</param>
    /// <param name="reference">A frozen copy of the initial policy (for the KL loss); may be null when the KL coefficient is 0.</param>
    /// <param name="trainTasks">The training tasks (held-out tasks stay out).</param>
    /// <param name="modelDirectory">The HF folder the policy came from (its config and tokenizer files are copied into checkpoints).</param>
    /// <param name="systemPrompt">Optional system message for every episode.</param>
    /// <param name="prompts">Where the step records come from; by default the policy's own episodes (sampled as the config says).</param>
    public RlTrainingProcess(RunConfig config, IToolEnvironment environment, TorchPolicy policy, CausalLM? reference,
        IReadOnlyList<EnvironmentTask> trainTasks, string modelDirectory, string? systemPrompt = null, IRlPromptSource? prompts = null)
    {
        _config = config.Validate();
        _environment = environment;
        _policy = policy;
        _tasks = trainTasks.Count > 0 ? trainTasks : throw new ArgumentException("No training tasks.", nameof(trainTasks));
        _modelDirectory = modelDirectory;
        // The training reward uses the strict solve rule: error texts and no-record fallbacks never solve.
        var episodeOptions = new EpisodeOptions { MaxTurns = _config.MaxTurns, RewardVariant = _config.StepRewardVariant, SolveRule = SolveRule.Strict };
        _prompts = prompts ?? new PolicyEpisodes(policy, new RolloutOptions { Episode = episodeOptions, Sampling = Sampling(seed: null), SystemPrompt = systemPrompt });
        _sampler = new GroupSampler(policy, episodeOptions);
        var trainable = TrainableParameters.Select(policy.Model, config.TrainableParameters);
        _optimizer = new PolicyOptimizer(trainable.Select(t => t.Parameter), config.ToOptimizerSettings());
        var updateSettings = config.ToUpdateSettings();
        reference?.eval();
        _updater = new RlUpdater(
            new CausalLmScorer(policy.Model, policy.PadTokenId),
            reference is null ? null : new CausalLmScorer(reference, policy.PadTokenId),
            _optimizer, updateSettings, policy.Model.Device);
    }

    /// <inheritdoc/>
    public async Task<TrainingStepOutcome> RunStepAsync(StepContext context, CancellationToken cancellationToken)
    {
        var tasks = TasksAt(context.DataCursor, _config.PromptsPerStep).Select(t => new EpisodeTask(_environment, t)).ToArray();
        var episodes = await _prompts.EpisodesAsync(tasks, context.SeedFor(1), cancellationToken).ConfigureAwait(false);
        var pick = new Random(context.SeedFor(2));
        var records = episodes.SelectMany(t => t.Steps).OrderBy(_ => pick.Next()).Take(_config.PromptsPerStep).ToArray();

        var samples = await _sampler.SampleAsync(records, _config.SamplesPerPrompt, Sampling(context.SeedFor(3)), cancellationToken).ConfigureAwait(false);
        // No response to learn from (every prompt too long for the policy): the step makes no update and logs nothing.
        if (samples.Count == 0)
            return new TrainingStepOutcome(new Dictionary<string, double>(), context.DataCursor + _config.PromptsPerStep);
        // The last point to stop at: the update below runs to its end, so an interrupted step leaves the model as it was.
        cancellationToken.ThrowIfCancellationRequested();
        _policy.Model.train();
        var stats = _updater.Update(samples);

        return new TrainingStepOutcome(RlUpdateMetrics.Of(stats, episodes, records.Length), context.DataCursor + _config.PromptsPerStep);
    }

    /// <inheritdoc/>
    public void SaveCheckpoint(string directory)
    {
        PolicyCheckpoint.Save(directory, _policy.Model, _optimizer, _modelDirectory, _policy.TemplateOptions);
    }

    /// <inheritdoc/>
    public void LoadCheckpoint(string directory)
    {
        PolicyCheckpoint.Load(directory, _policy.Model, _optimizer);
    }

    private PolicySampling Sampling(int? seed) =>
        new() { Temperature = _config.Temperature, TopP = _config.TopP, MaxNewTokens = _config.MaxNewTokens, Seed = seed };

    /// <summary>The tasks at positions [cursor, cursor + count) of the endless stream of seeded shuffles.</summary>
    private EnvironmentTask[] TasksAt(long cursor, int count)
    {
        var result = new EnvironmentTask[count];
        int[]? order = null;
        var orderEpoch = -1;
        for (var i = 0; i < count; i++)
        {
            var position = cursor + i;
            var epoch = (int)(position / _tasks.Count);
            if (epoch != orderEpoch)
            {
                // Each epoch's shuffle once, not once per task drawn from it.
                order = Enumerable.Range(0, _tasks.Count).ToArray();
                new Random(TorchRng.StepSeed(_config.Seed, epoch, 99)).Shuffle(order);
                orderEpoch = epoch;
            }
            result[i] = _tasks[order![position % _tasks.Count]];
        }
        return result;
    }

    /// <inheritdoc/>
    public void Dispose() => _optimizer.Dispose();
}
