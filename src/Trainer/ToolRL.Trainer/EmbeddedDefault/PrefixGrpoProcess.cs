using System.Globalization;
using ToolRL.Episodes;
using ToolRL.Rewards;
using ToolRL.Trainer.Evaluation;
using ToolRL.Trainer.Models;
using ToolRL.Trainer.Optimization;
using ToolRL.Trainer.Policies;
using ToolRL.Trainer.Rl;
using ToolRL.Trainer.Rollouts;
using ToolRL.Trainer.Runs;

namespace ToolRL.Trainer.EmbeddedDefault;

/// <summary>
/// The embedded job's RL step, for <see cref="ResumableTrainingLoop"/>: greedy episodes of the policy on a random
/// choice of training tasks (<see cref="PolicyEpisodes"/>), a random choice of their step records as prompts, a group
/// of sampled next turns per prompt scored by replay (<see cref="GroupSampler"/>), one GRPO (or REINFORCE++) update. The task and prompt
/// choices draw from one seeded stream; the data cursor counts its draws, so a resumed run redraws to where the
/// checkpoint left it and continues exactly as an uninterrupted one.
/// </summary>
internal sealed class PrefixGrpoProcess : ITrainingProcess, IDisposable
{
    private readonly EmbeddedDefaultOptions _options;
    private readonly CausalLM _model;
    private readonly TorchPolicy _greedy;
    private readonly IRlPromptSource _prompts;
    private readonly GroupSampler _sampler;
    private readonly IReadOnlyList<EpisodeTask> _trainTasks;
    private readonly string _filesDirectory;
    private readonly TextWriter _progress;
    private readonly PolicyOptimizer _optimizer;
    private readonly RlUpdater _updater;
    private Random _random;
    private long _draws;

    /// <param name="options">The job's options (RL sizes, learning rate, algorithm, seed).</param>
    /// <param name="greedy">The trained policy, greedy (episodes); <paramref name="sampler"/> shares its model.</param>
    /// <param name="greedySampling">Sampling of the episodes.</param>
    /// <param name="sampler">The trained policy for the sampled groups (batch size one iteration's samples).</param>
    /// <param name="reference">The frozen SFT model (KL).</param>
    /// <param name="trainTasks">The training tasks.</param>
    /// <param name="episodeOptions">Episode options of the RL reward (the strict solve rule).</param>
    /// <param name="filesDirectory">Tokenizer files copied into each checkpoint, so that it is a complete HF folder.</param>
    /// <param name="progress">One line per step.</param>
    public PrefixGrpoProcess(EmbeddedDefaultOptions options, TorchPolicy greedy, PolicySampling greedySampling, TorchPolicy sampler, CausalLM reference,
        IReadOnlyList<EpisodeTask> trainTasks, EpisodeOptions episodeOptions, string filesDirectory, TextWriter progress)
    {
        (_options, _greedy, _trainTasks, _filesDirectory, _progress) = (options, greedy, trainTasks, filesDirectory, progress);
        _prompts = new PolicyEpisodes(greedy, new RolloutOptions
        {
            Episode = episodeOptions, Sampling = greedySampling, ParallelEpisodes = options.RlEpisodesPerIteration,
        });
        _sampler = new GroupSampler(sampler, episodeOptions);
        _model = greedy.Model;
        var settings = new RlUpdateOptions
        {
            Algorithm = options.Algorithm,
            MiniBatchSize = options.RlPromptsPerIteration * options.RlGroupSize,
            MicroBatchSize = 16,
            // One update per batch: at temperature 1 the sampler's log-probs are the policy's, so the extra forward
            // pass verl makes to recompute them would give the same numbers.
            RecomputeOldLogProbs = options.RlTemperature != 1.0,
        };
        _optimizer = new PolicyOptimizer(_model.parameters(), new PolicyOptimizerOptions { LearningRate = options.RlLearningRate, WeightDecay = 0.0 });
        _updater = new RlUpdater(new CausalLmScorer(_model, greedy.PadTokenId), new CausalLmScorer(reference, greedy.PadTokenId), _optimizer, settings);
        _random = NewStream();
    }

    /// <inheritdoc/>
    public async Task<TrainingStepOutcome> RunStepAsync(StepContext context, CancellationToken cancellationToken)
    {
        if (_draws != context.DataCursor)
        {
            _random = NewStream();
            for (_draws = 0; _draws < context.DataCursor; _draws++) _random.Next();
        }
        int it = context.Step - 1;
        var episodeTasks = _trainTasks.OrderBy(_ => Draw()).Take(_options.RlEpisodesPerIteration).ToArray();
        // Derived per step; the same number the 64-bit sum gave while |seed| < 2,147,483 (larger seeds wrap, deterministically).
        int seed = unchecked(_options.Seed * 1000 + it + 1);
        // The episodes are greedy: the seed changes nothing there.
        var episodes = await _prompts.EpisodesAsync(episodeTasks, seed, cancellationToken).ConfigureAwait(false);
        var chosen = episodes.SelectMany(e => e.Steps).OrderBy(_ => Draw()).Take(_options.RlPromptsPerIteration).ToArray();
        var sampling = new PolicySampling { Temperature = _options.RlTemperature, MaxNewTokens = _options.MaxNewTokens, Seed = seed };
        var samples = await _sampler.SampleAsync(chosen, _options.RlGroupSize, sampling, cancellationToken).ConfigureAwait(false);
        // No response to learn from (every sample empty): the step makes no update and logs nothing.
        if (samples.Count == 0) return new TrainingStepOutcome(new Dictionary<string, double>(), _draws);
        // The last point to stop at: the update runs to its end, so an interrupted step leaves the model as it was.
        cancellationToken.ThrowIfCancellationRequested();
        _model.train();
        var stats = _updater.Update(samples);
        _model.eval();
        var metrics = RlUpdateMetrics.Of(stats, episodes, chosen.Length);
        _progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"rl {context.Step}/{_options.RlIterations}  reward {stats.MeanReward:F3}  kl {stats.Kl:F4}  entropy {stats.Entropy:F3}  {stats.TokensPerSecond:F0} tok/s"));
        return new TrainingStepOutcome(metrics, _draws);
    }

    /// <inheritdoc/>
    public void SaveCheckpoint(string directory)
    {
        PolicyCheckpoint.Save(directory, _model, _optimizer, _filesDirectory, _greedy.TemplateOptions);
    }

    /// <inheritdoc/>
    public void LoadCheckpoint(string directory)
    {
        PolicyCheckpoint.Load(directory, _model, _optimizer);
    }

    /// <inheritdoc/>
    public void Dispose() => _optimizer.Dispose();

    private Random NewStream() => new(unchecked(_options.Seed * 7919 + 17));

    private int Draw()
    {
        _draws++;
        return _random.Next();
    }
}
