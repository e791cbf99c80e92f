using ToolRL.Trainer.Generation;
using TorchSharp;
using TorchSharp.Modules;
using ToolRL.Trainer.Rl;
using static TorchSharp.torch;

namespace ToolRL.Trainer.Tests.Rl;

/// <summary>A bigram LM (embedding → linear) standing in for the Qwen policy in update tests.</summary>
internal sealed class BigramScorer : nn.Module, ISequenceScorer
{
    private readonly Embedding embed;
    private readonly Linear head;

    public BigramScorer(int vocab, int dim, int seed) : base(nameof(BigramScorer))
    {
        manual_seed(seed);
        embed = nn.Embedding(vocab, dim);
        head = nn.Linear(dim, vocab);
        RegisterComponents();
    }

    public ResponseScores Score(IReadOnlyList<(int[] Prompt, int[] Response)> pairs, bool withEntropy)
    {
        var width = pairs.Max(p => p.Response.Length);
        var logProbs = new List<Tensor>();
        var entropies = new List<Tensor>();
        foreach (var (prompt, response) in pairs)
        {
            // Position t predicts response[t] from the token before it.
            var previous = prompt[^1..].Concat(response[..^1]).Select(i => (long)i).ToArray();
            var logits = head.forward(embed.forward(tensor(previous)));
            var lp = logits.log_softmax(-1).gather(-1, tensor(response.Select(i => (long)i).ToArray()).unsqueeze(-1)).squeeze(-1);
            logProbs.Add(nn.functional.pad(lp, [0, width - response.Length]));
            if (withEntropy)
                entropies.Add(nn.functional.pad(TokenEntropy.FromLogProbs(logits.log_softmax(-1)), [0, width - response.Length]));
        }
        return new ResponseScores(stack(logProbs), withEntropy ? stack(entropies) : null);
    }

    public double LogProbOf(int[] prompt, int[] response)
    {
        using var noGrad = no_grad();
        using var scores = Score([(prompt, response)], false);
        return scores.LogProbs.sum().item<float>();
    }
}
