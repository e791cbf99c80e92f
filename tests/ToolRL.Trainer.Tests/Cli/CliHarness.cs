using ToolRL.Environments;
using ToolRL.Trainer.Checkpoints;
using ToolRL.Cli;
using ToolRL.Trainer.Cli;
using ToolRL.Trainer.Models;
using ToolRL.Trainer.Tests.Text;

namespace ToolRL.Trainer.Tests.Cli;

/// <summary>Runs the command line in-process, and writes the tiny Qwen3 checkpoint the CLI tests load.</summary>
internal static class CliHarness
{
    /// <summary>The command line with the Trainer's commands, as a project that trains has it.</summary>
    public static readonly IReadOnlyList<ICliModule> Modules = [TrainerCliModule.Instance];

    /// <summary>Runs <paramref name="args"/> over <paramref name="environments"/>; returns the exit code and both streams.</summary>
    public static async Task<(int Code, string Out, string Err)> RunAsync(IReadOnlyList<IToolEnvironment> environments, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await ToolRLApp.RunAsync(args, environments, output, error, modules: Modules);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>A tiny Qwen3 checkpoint with the real Qwen3 tokenizer files from the fixtures.</summary>
    public static void WriteTinyCheckpoint(string directory) =>
        TinyCheckpoint.Write(directory, ModelFamily.Qwen3,
            new TinyModelSizes { VocabSize = TextFixtures.Qwen3Tokenizer.VocabularySize, HiddenSize = 32, IntermediateSize = 64 },
            seed: 3, tokenizerFiles: Directory.GetFiles(TextFixtures.Qwen3Directory, "*.json"));
}
