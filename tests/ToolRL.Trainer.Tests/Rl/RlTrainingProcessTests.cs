using ToolRL.Trainer.Analysis;
using ToolRL.Trainer.Checkpoints;
using ToolRL.Trainer.Models;
using ToolRL.Trainer.Policies;
using ToolRL.Trainer.Rl;
using ToolRL.Trainer.Runs;
using ToolRL.Trainer.Tests.Rollouts;
using ToolRL.Trainer.Tests.Runs;
using ToolRL.Trainer.Tests.Text;
using ToolRL.Trainer.Optimization;

namespace ToolRL.Trainer.Tests.Rl;

public class RlTrainingProcessTests
{
    [Fact]
    public async Task Training_steps_checkpoint_as_hf_folders_and_a_second_invocation_resumes()
    {
        using var dir = new TempDirectory();
        TinyCheckpoint.Write(dir["base"], ModelFamily.Qwen3,
            new TinyModelSizes { VocabSize = TextFixtures.Qwen3Tokenizer.VocabularySize, HiddenSize = 32, IntermediateSize = 64 },
            seed: 9, tokenizerFiles: Directory.GetFiles(TextFixtures.Qwen3Directory, "*.json"));
        var env = new CapitalsEnvironment();
        var config = new RunConfig
        {
            OutputDir = dir["run"], Steps = 1, CheckpointInterval = 1, SamplesPerPrompt = 2, PromptsPerStep = 2,
            MiniBatchPrompts = 1, MicroBatchSize = 2, MaxTurns = 2, MaxNewTokens = 4, Temperature = 1.0,
            LearningRate = 1e-3, TrainableParameters = "model.layers.0.mlp.*",
        };
        var quiet = ProgressDisplay.Plain(TextWriter.Null);

        async Task Run(RunConfig c)
        {
            var policy = TorchPolicy.Load(dir["base"]);
            using var reference = ModelLoader.Load(dir["base"]);
            using var process = new RlTrainingProcess(c, env, policy, reference, env.Tasks, dir["base"]);
            await new ResumableTrainingLoop(c.ToLoopOptions(), quiet).RunAsync(process);
        }

        await Run(config);
        await Run(config with { Steps = 2 });

        var records = MetricsLog.Read(Path.Combine(dir["run"], "metrics.jsonl"));
        Assert.Equal([1, 2], records.Select(r => r.Step));
        Assert.All(records, r =>
        {
            Assert.Equal(2, r["records"]);
            Assert.True(r["response_tokens"] > 0);
            Assert.True(double.IsFinite(r["total_loss"]) && double.IsFinite(r["rollout_solve_f1"]));
        });

        // The newest checkpoint is an HF folder the model loader opens; only the selected MLP moved.
        var latest = new RunCheckpointStore(dir["run"]).Latest()!.Value;
        Assert.Equal(2, latest.State.Step);
        Assert.Equal(4, latest.State.DataCursor);
        using (var reloaded = ModelLoader.Load(latest.Path))
            Assert.Equal(2, reloaded.Config.NumHiddenLayers);
        Assert.True(File.Exists(Path.Combine(latest.Path, "tokenizer.json")));
        var changes = ParameterChangeAnalysis.CompareCheckpoints(dir["base"], latest.Path);
        Assert.All(changes.Where(c => !(c.Layer == 0 && c.Kind == "mlp")), c => Assert.Equal(0, c.RelativeChange));
    }
}
