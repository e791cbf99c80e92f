using System.CommandLine;
using ToolRL.Cli;
using ToolRL.Trainer.Checkpoints;
using ToolRL.Trainer.Data;
using ToolRL.Trainer.EmbeddedDefault;
using ToolRL.Trainer.Evaluation;
using ToolRL.Trainer.Native;
using ToolRL.Trainer.Policies;
using ToolRL.Trainer.Sft;
using ToolRL.Trainer.Text.ChatTemplates;

namespace ToolRL.Trainer.Cli;

/// <summary>
/// <c>sft</c>: supervised warm start of an HF checkpoint on the golden trajectories of the training tasks (loss on
/// assistant tokens only), saved as an HF checkpoint that <c>train --model</c> and <c>eval --model</c> take.
/// </summary>
internal static class SftCommand
{
    public static Command Create(CliContext context)
    {
        var scenario = CommonOptions.Scenario();
        var seed = CommonOptions.Seed();
        var model = new Option<string>("--model", "-m") { Description = "HF checkpoint folder to start from.", Required = true };
        var output = new Option<string>("--out", "-o") { Description = "Folder for the fine-tuned checkpoint.", Required = true };
        var device = new Option<string>("--device") { Description = "cpu (default), cuda, cuda:N or auto.", DefaultValueFactory = _ => "cpu" };
        var steps = new Option<int>("--steps") { Description = "Optimizer steps.", DefaultValueFactory = _ => 100 };
        var batch = new Option<int>("--batch-size") { Description = "Sequences per step.", DefaultValueFactory = _ => 8 };
        var lr = new Option<double>("--lr") { Description = "AdamW learning rate.", DefaultValueFactory = _ => 1e-5 };
        var command = new Command("sft", "Supervised warm start on golden trajectories of the training tasks (assistant-only loss).")
        {
            scenario, seed, model, output, device, steps, batch, lr,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            CommonOptions.AtLeast(steps, parse.GetValue(steps), 1);
            CommonOptions.AtLeast(batch, parse.GetValue(batch), 1);
            CommonOptions.PositiveNumber(lr, parse.GetValue(lr));
            var modelDirectory = parse.GetValue(model)!;
            if (!File.Exists(Path.Combine(modelDirectory, "config.json")))
                throw new CliException($"--model '{modelDirectory}' has no config.json: not an HF checkpoint folder", ExitCodes.BadArguments);
            var options = new SftOptions
            {
                Steps = parse.GetValue(steps),
                BatchSize = parse.GetValue(batch),
                Seed = parse.GetValue(seed),
                Optimizer = new SftOptions().Optimizer with { LearningRate = parse.GetValue(lr) },
            };
            try
            {
                options.Validate();
            }
            catch (ArgumentException e)
            {
                throw new CliException(e.Message, ExitCodes.BadArguments);
            }
            var outputDirectory = Path.GetFullPath(parse.GetValue(output)!);
            OutputChecks.WritableFolder(outputDirectory, "--out");
            var policy = TorchPolicy.Load(modelDirectory, TorchDevices.Parse(parse.GetValue(device)));
            context.OnInterrupt(() => $"during SFT; nothing was saved to {outputDirectory} (the checkpoint is written when SFT ends); run the same command to train again");
            var rule = new ToolRL.Tasks.TaskSplit(ToolRL.Tasks.TaskSplit.DefaultHeldOutFraction, parse.GetValue(seed));
            var split = SplitTasks.Create(EvaluationTask.All(context.Select(parse.GetValue(scenario))), rule);
            // Thinking as the base checkpoint records it, else off (SFT's default); the output records what was used.
            var chat = new ChatTemplateOptions(AddGenerationPrompt: true, EnableThinking: policy.TemplateOptions.EnableThinking ?? false);
            var builder = new SftExampleBuilder(policy.Tokenizer, policy.Template, chat.EnableThinking);
            var examples = new List<SftExample>();
            foreach (var t in split.Train)
            {
                var messages = await GoldenTrajectory.BuildAsync(t.Environment, t.Task, cancellationToken);
                examples.AddRange(builder.Build(t.Task.Id, messages, t.Environment.Tools));
            }
            context.Output.WriteLine($"sft: {examples.Count} sequences from {split.Train.Count} training tasks");
            var result = SftTrainer.Train(policy.Model, examples, options with { PadTokenId = policy.PadTokenId }, context.Output, cancellationToken);
            ModelSaver.Save(policy.Model, parse.GetValue(output)!, copyFrom: modelDirectory, chatOptions: chat);
            SplitManifest.Of(rule, split.Train, split.HeldOut).Save(parse.GetValue(output)!); // eval --run takes its held-out set
            context.Output.WriteLine($"final loss {result.Losses.LastOrDefault():F4}, {result.TokensPerSecond:F0} tokens/s; saved to {parse.GetValue(output)}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
