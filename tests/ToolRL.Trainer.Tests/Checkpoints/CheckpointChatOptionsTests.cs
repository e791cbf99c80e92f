using ToolRL.Conversations;
using ToolRL.IO;
using ToolRL.Trainer.Checkpoints;
using ToolRL.Cli;
using ToolRL.Trainer.Policies;
using ToolRL.Trainer.Tests.Cli;
using ToolRL.Trainer.Tests.Fakes;
using ToolRL.Trainer.Tests.Runs;
using ToolRL.Trainer.Text.ChatTemplates;

namespace ToolRL.Trainer.Tests.Checkpoints;

// ToolRL.FactAttribute (the Runtime's fact attribute) would otherwise shadow xunit's.
using FactAttribute = Xunit.FactAttribute;

/// <summary>A checkpoint's recorded chat options decide how a loaded policy prompts, unless told otherwise.</summary>
public sealed class CheckpointChatOptionsTests
{
    private const string EmptyThink = "<think>\n\n</think>";
    private static readonly PolicyRequest Question = new([ChatMessage.User("What is the capital of Kenya?")], []);

    private static string Prompt(TorchPolicy policy) => policy.Tokenizer.Decode(policy.EncodePrompt(Question));

    [Fact]
    public void A_loaded_policy_prompts_with_the_recorded_options_and_an_explicit_choice_overrides_them()
    {
        using var dir = new TempDirectory();
        CliHarness.WriteTinyCheckpoint(dir["tiny"]);
        Assert.DoesNotContain(EmptyThink, Prompt(TorchPolicy.Load(dir["tiny"]))); // no record: the template's default

        CheckpointChatOptions.Save(dir["tiny"], new ChatTemplateOptions(EnableThinking: false));

        Assert.EndsWith(EmptyThink + "\n\n", Prompt(TorchPolicy.Load(dir["tiny"])));
        Assert.DoesNotContain(EmptyThink, Prompt(TorchPolicy.Load(dir["tiny"], templateOptions: new ChatTemplateOptions(EnableThinking: true))));
    }

    [Fact]
    public void A_damaged_record_names_the_file_and_the_field()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir["c"]);
        File.WriteAllText(Path.Combine(dir["c"], CheckpointChatOptions.FileName), "{\"enable_thinking\": \"no\"}");
        var error = Assert.Throws<InvalidFileException>(() => CheckpointChatOptions.Load(dir["c"]));
        Assert.Contains("enable_thinking", error.Message);
        File.WriteAllText(Path.Combine(dir["c"], CheckpointChatOptions.FileName), "{");
        Assert.Throws<InvalidFileException>(() => CheckpointChatOptions.Load(dir["c"]));
    }

    [Fact]
    public async Task Sft_and_train_checkpoints_are_self_contained_and_thinking_is_checked_where_it_does_not_apply()
    {
        using var dir = new TempDirectory();
        CliHarness.WriteTinyCheckpoint(dir["base"]);
        var env = new AtlasEnvironment();

        var sft = await CliHarness.RunAsync([env], "sft", "--model", dir["base"], "--out", dir["sft"], "--steps", "1", "--batch-size", "2", "--max-turns", "1", "--max-new-tokens", "4");
        Assert.True(sft.Code == ExitCodes.Ok, sft.Err);
        Assert.False(CheckpointChatOptions.Load(dir["sft"])!.EnableThinking); // SFT rendered with thinking off
        Assert.True(File.Exists(Path.Combine(dir["sft"], ToolRL.Trainer.Data.SplitManifest.FileName)));

        new ToolRL.Trainer.Rl.RunConfig
        {
            SamplesPerPrompt = 2, PromptsPerStep = 1, MiniBatchPrompts = 1, MicroBatchSize = 2, MaxTurns = 1, MaxNewTokens = 4, CheckpointInterval = 1,
        }.Save(dir["run.json"]);
        var train = await CliHarness.RunAsync([env], "train", "--model", dir["sft"], "--config", dir["run.json"], "--steps", "1", "--thinking", "on", "--out", dir["run"]);
        Assert.True(train.Code == ExitCodes.Ok, train.Err);
        var step = new ToolRL.Trainer.Runs.RunCheckpointStore(dir["run"]).Latest()!.Value.Path;
        foreach (var file in new[] { "model.safetensors", "config.json", "tokenizer.json", "generation_config.json", CheckpointChatOptions.FileName })
            Assert.True(File.Exists(Path.Combine(step, file)), $"{file} missing from {step}");
        Assert.True(CheckpointChatOptions.Load(step)!.EnableThinking);

        var embedded = await CliHarness.RunAsync([env], "train", "--thinking", "off");
        Assert.Equal(ExitCodes.BadArguments, embedded.Code);
        Assert.Contains("--thinking applies to --model runs", embedded.Err);
        var endpoint = await CliHarness.RunAsync([env], "collect", "--endpoint", "http://127.0.0.1:9/v1", "--model", "m", "--thinking", "on");
        Assert.Equal(ExitCodes.BadArguments, endpoint.Code);
        Assert.Contains("--thinking applies to --model checkpoints", endpoint.Err);
    }

    [Fact]
    public async Task A_checkpoint_without_its_tokenizer_is_a_clear_error()
    {
        using var dir = new TempDirectory();
        TinyCheckpoint.Write(dir["bare"], ToolRL.Trainer.Models.ModelFamily.Qwen3, new TinyModelSizes { HiddenSize = 32, IntermediateSize = 64 });

        var eval = await CliHarness.RunAsync([new AtlasEnvironment()], "eval", "--model", dir["bare"]);

        Assert.Equal(ExitCodes.BadArguments, eval.Code);
        Assert.Contains("has no tokenizer.json", eval.Err);
        Assert.DoesNotContain("   at ", eval.Err);
    }
}
