using ToolRL.Trainer.Checkpoints;
using ToolRL.Trainer.Models;
using ToolRL.Trainer.Text.ChatTemplates;

namespace ToolRL.Trainer.Optimization;

/// <summary>
/// An RL step checkpoint, the same for every training process: the model as a complete HF folder (weights, config,
/// tokenizer files, chat options) plus the optimizer's state beside it.
/// </summary>
internal static class PolicyCheckpoint
{
    private const string OptimizerFile = "optimizer.bin";

    /// <summary>Writes <paramref name="model"/> (with <paramref name="filesFrom"/>'s tokenizer files) and <paramref name="optimizer"/> into <paramref name="directory"/>.</summary>
    public static void Save(string directory, CausalLM model, PolicyOptimizer optimizer, string filesFrom, ChatTemplateOptions chatOptions)
    {
        ModelSaver.Save(model, directory, copyFrom: filesFrom, chatOptions: chatOptions);
        optimizer.SaveState(Path.Combine(directory, OptimizerFile));
    }

    /// <summary>Restores what <see cref="Save"/> wrote.</summary>
    public static void Load(string directory, CausalLM model, PolicyOptimizer optimizer)
    {
        ModelLoader.LoadWeights(model, ModelLoader.WeightFiles(directory));
        optimizer.LoadState(Path.Combine(directory, OptimizerFile));
    }
}
