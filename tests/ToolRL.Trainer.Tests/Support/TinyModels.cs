using ToolRL.Trainer.Checkpoints;
using ToolRL.Trainer.Models;

namespace ToolRL.Trainer.Tests.Support;

/// <summary>Shapes used across tests: small enough for the naive reference, with GQA.</summary>
public static class TinyModels
{
    public static TinyModelSizes Sizes(ModelFamily family, bool tied, int kvHeads = 2) => new()
    {
        VocabSize = 97,
        HiddenSize = 32,
        IntermediateSize = 48,
        Layers = 2,
        Heads = 4,
        KeyValueHeads = kvHeads,
        // Qwen3 may decouple head_dim from hidden / heads; exercise that.
        HeadDim = family == ModelFamily.Qwen3 ? 12 : 8,
        TieWordEmbeddings = tied,
        RopeTheta = 10_000,
        EosTokenIds = [96],
    };

    public static CausalLM Load(TempDirectory dir, ModelFamily family, bool tied, int kvHeads = 2, int seed = 7)
    {
        string path = dir.Sub($"{family}-{tied}-{kvHeads}-{seed}");
        TinyCheckpoint.Write(path, family, Sizes(family, tied, kvHeads), seed);
        return ModelLoader.Load(path);
    }
}
