using System.CommandLine;
using System.Text.Json;
using ToolRL.Cli;
using ToolRL.Episodes;
using ToolRL.IO;
using ToolRL.Rewards;
using ToolRL.Trainer.Evaluation;
using ToolRL.Trainer.Policies;
using ToolRL.Trainer.Rollouts;
using ToolRL.Trajectories;

namespace ToolRL.Trainer.Cli;

/// <summary>
/// <c>collect</c>: runs episodes of the scenarios' tasks with a policy (a checkpoint or an API model) and writes
/// one FTRL-schema step record per assistant turn — the RL prompts of the paper's trajectory collection.
/// </summary>
internal static class CollectCommand
{
    public static Command Create(CliContext context)
    {
        var scenario = CommonOptions.Scenario();
        var seed = CommonOptions.Seed();
        var policy = new PolicyOptions();
        var output = new Option<string>("--out", "-o")
        {
            Description = "The JSONL file of step records to write.",
            DefaultValueFactory = _ => "trajectories.jsonl",
        };
        var maxTurns = CommonOptions.MaxTurns();
        var maxNewTokens = ModelOptions.MaxNewTokens();
        var temperature = new Option<double>("--temperature")
        {
            Description = "Sampling temperature (0 = greedy).",
            DefaultValueFactory = _ => 0.7,
        };
        var command = new Command("collect", "Run episodes with a policy and write FTRL step records (JSONL).")
        {
            scenario, seed, output, maxTurns, maxNewTokens, temperature,
        };
        policy.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var turns = CommonOptions.Positive(parse, maxTurns);
            var newTokens = CommonOptions.Positive(parse, maxNewTokens);
            if (parse.GetValue(temperature) is var t && !(t >= 0 && double.IsFinite(t)))
                throw new CliException($"--temperature must be 0 (greedy) or more, got {t.ToString(System.Globalization.CultureInfo.InvariantCulture)}", ExitCodes.BadArguments);
            var environments = context.Select(parse.GetValue(scenario));
            var options = new RolloutOptions
            {
                // Strict: the records' unsolved sets are what training rewards are computed from.
                Episode = new EpisodeOptions { MaxTurns = turns, SolveRule = SolveRule.Strict },
                Sampling = new PolicySampling { Temperature = parse.GetValue(temperature), Seed = parse.GetValue(seed), MaxNewTokens = newTokens },
            };
            var path = Path.GetFullPath(parse.GetValue(output)!);
            OutputChecks.WritableFileFolder(path, "--out");
            RemoveLeftovers(path);
            var chosen = policy.Create(parse);
            context.OnInterrupt(() => $"during the collection; nothing was written to {path} (it appears only whole); run the same command to collect again");
            var metrics = new List<EpisodeMetrics>();
            var records = 0;
            // Appear whole or not at all: an interrupted collection leaves only a temporary file, which the next
            // collect into the same folder removes once its process is gone.
            await using var file = AtomicFile.Create(path);
            var stream = file.Stream;
            await using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = Json.WriterOptions.Encoder }))
            {
                foreach (var environment in environments)
                {
                    context.Output.WriteLine($"collecting {environment.Tasks.Count} episodes of {environment.Name} with {chosen.Name}...");
                    var toolsJson = StepRecordJson.ToolsJson(environment.Tools);
                    var episodes = await new EpisodeRunner(chosen, options)
                        .RunAsync(environment.Tasks.Select(t => new EpisodeTask(environment, t)).ToArray(), cancellationToken);
                    foreach (var episode in episodes)
                    {
                        metrics.Add(episode.Metrics);
                        foreach (var step in episode.Steps)
                        {
                            // The export format: FTRL's on-disk step record.
                            var record = new ToolRL.Trajectories.StepRecord(
                                step.Task.Task.Id, environment.Name, step.Prompt, step.Tools, $"toolrl:{environment.Name}",
                                step.State.Unsolved, step.State.SolveRate, step.State.FinalAnswer);
                            StepRecordJson.Write(writer, record, toolsJson);
                            await writer.FlushAsync(cancellationToken);
                            writer.Reset();
                            stream.WriteByte((byte)'\n');
                            records++;
                        }
                    }
                }
            }
            await file.CommitAsync(cancellationToken);
            var (p, r, f1) = EpisodeMetrics.Average(metrics);
            context.Output.WriteLine($"{records} step records from {metrics.Count} episodes → {path}");
            context.Output.WriteLine($"Solve-P {p:F2}  Solve-R {r:F2}  Solve-F1 {f1:F2}");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Removes what killed collections left beside <paramref name="path"/>: temporary files of dead
    /// processes, and the <c>.partial</c> file of earlier versions.</summary>
    private static void RemoveLeftovers(string path)
    {
        var directory = Path.GetDirectoryName(path)!;
        AtomicFile.RemoveStale(directory, prefix: Path.GetFileName(path));
        var legacy = path + ".partial";
        if (File.Exists(legacy))
            File.Delete(legacy);
    }
}
