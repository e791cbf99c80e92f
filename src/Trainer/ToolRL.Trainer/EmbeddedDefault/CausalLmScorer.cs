using ToolRL.Trainer.Generation;
using ToolRL.Trainer.Models;
using ToolRL.Trainer.Rl;

namespace ToolRL.Trainer.EmbeddedDefault;

/// <summary>A <see cref="CausalLM"/> as the RL updater's <see cref="ISequenceScorer"/> (log-probs of given responses).</summary>
internal sealed class CausalLmScorer(CausalLM model, int padTokenId) : ISequenceScorer
{
    public ResponseScores Score(IReadOnlyList<(int[] Prompt, int[] Response)> pairs, bool withEntropy)
    {
        using var batch = LogProbBatch.Create(pairs.Select(p => ((IReadOnlyList<int>)p.Prompt, (IReadOnlyList<int>)p.Response)).ToArray(), padTokenId, model.Device);
        var (logProbs, entropy) = SequenceLogProbs.Compute(model, batch);
        if (!withEntropy)
        {
            entropy.Dispose();
            return new ResponseScores(logProbs, null);
        }
        return new ResponseScores(logProbs, entropy);
    }
}
