using ToolRL.Trainer.Rl;
using ToolRL.Trainer.Runs;
using ToolRL.Trainer.Tests.Rl;
using static TorchSharp.torch;
using ToolRL.Trainer.Optimization;

namespace ToolRL.Trainer.Tests.Runs;


public class ResumeTests
{
    /// <summary>GRPO on the bigram policy; prompts drawn by the step seed; can be told to die at a step.</summary>
    private sealed class BigramProcess : ITrainingProcess
    {
        private readonly BigramScorer _policy = new(6, 8, seed: 11);
        private readonly BigramScorer _reference = new(6, 8, seed: 11);
        private readonly PolicyOptimizer _optimizer;
        private readonly RlUpdater _updater;
        private readonly int _dieAtStep;
        private readonly CancellationTokenSource? _interruptAtDieStep;

        /// <param name="dieAtStep">The step that fails as a kill would (an exception, no cancellation requested).</param>
        /// <param name="interrupt">When set, that step is instead interrupted: this source is cancelled and the step
        /// throws through the token, as Ctrl+C does between generated tokens.</param>
        public BigramProcess(int dieAtStep = int.MaxValue, CancellationTokenSource? interrupt = null)
        {
            _dieAtStep = dieAtStep;
            _interruptAtDieStep = interrupt;
            _optimizer = new PolicyOptimizer(_policy.parameters(), new PolicyOptimizerOptions { LearningRate = 0.02 });
            _updater = new RlUpdater(_policy, _reference, _optimizer, new RlUpdateOptions { MiniBatchSize = 2, MicroBatchSize = 2 });
        }

        public Task<TrainingStepOutcome> RunStepAsync(StepContext context, CancellationToken cancellationToken)
        {
            if (context.Step == _dieAtStep && _interruptAtDieStep is not null)
            {
                _interruptAtDieStep.Cancel();
                cancellationToken.ThrowIfCancellationRequested();
            }
            if (context.Step == _dieAtStep)
                throw new OperationCanceledException("killed");
            var random = new Random(context.SeedFor(0));
            var prompt = (int)(context.DataCursor % 3);
            var samples = Enumerable.Range(0, 4).Select(_ =>
            {
                var response = new[] { random.Next(1, 6), random.Next(1, 6) };
                return new RlSample($"p{prompt}", [prompt], response, response[0] == 1 ? 1.0 : 0.0);
            }).ToArray();
            var stats = _updater.Update(samples);
            return Task.FromResult(new TrainingStepOutcome(new Dictionary<string, double> { ["reward"] = stats.MeanReward, ["kl"] = stats.Kl }, context.DataCursor + 1));
        }

        public void SaveCheckpoint(string directory)
        {
            _policy.save(Path.Combine(directory, "policy.bin"));
            _optimizer.SaveState(Path.Combine(directory, "optimizer.bin"));
        }

        public void LoadCheckpoint(string directory)
        {
            _policy.load(Path.Combine(directory, "policy.bin"));
            _optimizer.LoadState(Path.Combine(directory, "optimizer.bin"));
        }

        public float[] Weights() => _policy.parameters().SelectMany(p => p.detach().data<float>().ToArray()).ToArray();
    }

    [Fact]
    public async Task A_killed_run_resumes_and_ends_exactly_like_an_uninterrupted_one()
    {
        using var dir = new TempDirectory();
        var quiet = ProgressDisplay.Plain(TextWriter.Null);
        var config = new TrainingLoopOptions { OutputDir = dir["straight"], Steps = 7, CheckpointInterval = 3, KeepCheckpoints = 2, Seed = 4 };

        var straight = new BigramProcess();
        await new ResumableTrainingLoop(config with { OutputDir = dir["straight"] }, quiet).RunAsync(straight);

        // Killed during step 5: steps 1–4 were logged, the last checkpoint is step 3.
        var interrupted = config with { OutputDir = dir["killed"] };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new ResumableTrainingLoop(interrupted, quiet).RunAsync(new BigramProcess(dieAtStep: 5)));
        Assert.Equal([1, 2, 3, 4], MetricsLog.Read(Path.Combine(dir["killed"], "metrics.jsonl")).Select(r => r.Step));

        var resumed = new BigramProcess();
        var result = await new ResumableTrainingLoop(interrupted, quiet).RunAsync(resumed);
        Assert.Equal((3, 4, 7), (result.ResumedFromStep, result.StepsRun, result.FinalStep));

        var straightRecords = MetricsLog.Read(Path.Combine(dir["straight"], "metrics.jsonl"));
        var resumedRecords = MetricsLog.Read(result.MetricsPath);
        Assert.Equal([1, 2, 3, 4, 5, 6, 7], resumedRecords.Select(r => r.Step));
        Assert.Equal(straightRecords.Select(r => r.ToJsonLine()), resumedRecords.Select(r => r.ToJsonLine()));
        Assert.Equal(straight.Weights(), resumed.Weights());

        var store = new RunCheckpointStore(dir["killed"]);
        Assert.Equal([6, 7], store.Complete().Select(c => c.Step));
        Assert.Equal(7, store.Latest()!.Value.State.Step);

        // Running a finished run again does nothing more.
        var again = await new ResumableTrainingLoop(interrupted, quiet).RunAsync(new BigramProcess());
        Assert.Equal((7, 0), (again.ResumedFromStep, again.StepsRun));
        Assert.Equal(7, MetricsLog.Read(result.MetricsPath).Count);
    }

    [Fact]
    public async Task An_interrupted_run_checkpoints_its_last_completed_step_and_resumes_from_it_exactly()
    {
        using var dir = new TempDirectory();
        var quiet = ProgressDisplay.Plain(TextWriter.Null);
        var config = new TrainingLoopOptions { OutputDir = dir["straight"], Steps = 7, CheckpointInterval = 3, KeepCheckpoints = 0, Seed = 4 };
        var straight = new BigramProcess();
        await new ResumableTrainingLoop(config with { OutputDir = dir["straight"] }, quiet).RunAsync(straight);

        // Ctrl+C during step 5: the loop stops there and saves step 4, which no interval would have saved.
        var interrupted = config with { OutputDir = dir["interrupted"] };
        using var interrupt = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new ResumableTrainingLoop(interrupted, quiet).RunAsync(new BigramProcess(dieAtStep: 5, interrupt), interrupt.Token));
        Assert.Equal([3, 4], new RunCheckpointStore(dir["interrupted"]).Complete().Select(c => c.Step));

        var resumed = new BigramProcess();
        var result = await new ResumableTrainingLoop(interrupted, quiet).RunAsync(resumed);
        Assert.Equal((4, 3, 7), (result.ResumedFromStep, result.StepsRun, result.FinalStep));
        Assert.Equal(
            MetricsLog.Read(Path.Combine(dir["straight"], "metrics.jsonl")).Select(r => r.ToJsonLine()),
            MetricsLog.Read(result.MetricsPath).Select(r => r.ToJsonLine()));
        Assert.Equal(straight.Weights(), resumed.Weights());
    }
}
