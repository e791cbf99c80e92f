using ToolRL.Trainer.Models;
using ToolRL.Trainer.Rl;
using ToolRL.Trainer.Sft;
using ToolRL.Trainer.Tests.Support;
using static TorchSharp.torch;

namespace ToolRL.Trainer.Tests.Models;

/// <summary>Running a shared prefix once and broadcasting its keys/values changes neither outputs, losses nor gradients.</summary>
public sealed class SharedPrefixTests
{
    static readonly long[] Prefix = [5, 17, 3, 44, 8, 21];

    static double MaxDifference(Tensor a, Tensor b) => (a - b).abs().max().item<float>();

    static Dictionary<string, Tensor> Gradients(CausalLM model) =>
        model.named_parameters().Where(p => p.parameter.grad is not null).ToDictionary(p => p.name, p => p.parameter.grad!.clone());

    [Xunit.Theory]
    [InlineData(ModelFamily.Qwen2)]
    [InlineData(ModelFamily.Qwen3)]
    public void Suffix_hidden_states_equal_those_of_the_full_rows(ModelFamily family)
    {
        using var dir = new TempDirectory();
        using var model = TinyModels.Load(dir, family, tied: false);
        long[] a = [9, 23, 7], b = [30, 2];
        // Suffixes left-padded: row b has one pad between the prefix and its tokens.
        using var suffix = tensor(new long[] { 9, 23, 7, 0, 30, 2 }, [2, 3]);
        using var positions = tensor(new long[] { 0, 1, 2, 0, 0, 1 }, [2, 3]);
        using var mask = tensor(new long[] { 1, 1, 1, 0, 1, 1 }, [2, 3]);
        using var noGrad = no_grad();

        using var shared = model.HiddenAfterSharedPrefix(tensor(Prefix), suffix, positions, mask);

        long[] rowA = [.. Prefix, .. a], rowB = [.. Prefix, .. b];
        using var fullA = model.Hidden(tensor(rowA, [1, rowA.Length]), arange(rowA.Length).unsqueeze(0), null);
        using var fullB = model.Hidden(tensor(rowB, [1, rowB.Length]), arange(rowB.Length).unsqueeze(0), null);
        Assert.True(MaxDifference(fullA[0, TensorIndex.Slice(6, 9)], shared[0]) < 1e-4);
        Assert.True(MaxDifference(fullB[0, TensorIndex.Slice(6, 8)], shared[1, TensorIndex.Slice(1, 3)]) < 1e-4);
    }

    [Xunit.Fact]
    public void An_empty_prefix_is_rejected()
    {
        using var dir = new TempDirectory();
        using var model = TinyModels.Load(dir, ModelFamily.Qwen3, tied: true);
        var error = Assert.Throws<ArgumentException>(() =>
            model.HiddenAfterSharedPrefix(zeros(0, ScalarType.Int64), ones(1, 2, ScalarType.Int64), zeros(1, 2, ScalarType.Int64), ones(1, 2, ScalarType.Int64)));
        Assert.Contains("empty", error.Message);
    }

    [Xunit.Fact]
    public void Sft_loss_and_gradients_are_the_same_with_the_prefix_run_once()
    {
        using var dir = new TempDirectory();
        using var model = TinyModels.Load(dir, ModelFamily.Qwen3, tied: true);
        SftExample[] batch =
        [
            new("a", [.. Prefix.Select(i => (int)i), 40, 41, 42, 43], [.. Enumerable.Repeat(false, 8), true, true]),
            new("b", [.. Prefix.Select(i => (int)i), 50, 51, 52], [.. Enumerable.Repeat(false, 7), true, true]),
        ];
        Assert.Equal(6, SftLoss.SharedContextLength(batch));

        model.zero_grad();
        var plain = SftLoss.BatchLoss(model, batch, minSharedPrefix: 0);
        plain.backward();
        var plainGrads = Gradients(model);
        model.zero_grad();
        var shared = SftLoss.BatchLoss(model, batch, minSharedPrefix: 4);
        shared.backward();
        var sharedGrads = Gradients(model);

        Assert.Equal(plain.item<float>(), shared.item<float>(), 5);
        Assert.Equal(plainGrads.Keys.Order(), sharedGrads.Keys.Order());
        foreach (var (name, grad) in plainGrads)
            Assert.True(MaxDifference(grad, sharedGrads[name]) < 1e-5, $"{name}: {MaxDifference(grad, sharedGrads[name])}");
    }

    [Xunit.Fact]
    public void The_shared_context_stops_before_the_first_target_is_predicted()
    {
        SftExample[] batch =
        [
            new("a", [1, 2, 3, 4, 5], [false, false, true, true, true]),
            new("b", [1, 2, 3, 4, 9], [false, false, false, false, true]),
        ];
        // Position 1 predicts row a's first target (index 2): only position 0 may be shared.
        Assert.Equal(1, SftLoss.SharedContextLength(batch));
    }

    [Xunit.Fact]
    public void Rl_scores_and_gradients_are_the_same_with_the_prompt_prefix_run_once()
    {
        using var dir = new TempDirectory();
        using var model = TinyModels.Load(dir, ModelFamily.Qwen3, tied: false);
        int[] p = [.. Prefix.Select(i => (int)i)];
        (int[], int[])[] pairs = [([.. p, 11, 12], [60, 61, 62]), ([.. p, 13], [70]), ([.. p], [80, 81])];
        Assert.Equal(5, CausalLmScorer.SharedPromptLength(pairs));

        model.zero_grad();
        using var plain = new CausalLmScorer(model) { MinSharedPrefix = 0 }.Score(pairs, withEntropy: true);
        (plain.LogProbs.sum() + plain.Entropy!.sum()).backward();
        var plainGrads = Gradients(model);
        model.zero_grad();
        using var shared = new CausalLmScorer(model) { MinSharedPrefix = 3 }.Score(pairs, withEntropy: true);
        (shared.LogProbs.sum() + shared.Entropy!.sum()).backward();
        var sharedGrads = Gradients(model);

        Assert.True(MaxDifference(plain.LogProbs, shared.LogProbs) < 1e-4);
        Assert.True(MaxDifference(plain.Entropy, shared.Entropy!) < 1e-4);
        foreach (var (name, grad) in plainGrads)
            Assert.True(MaxDifference(grad, sharedGrads[name]) < 1e-4, $"{name}: {MaxDifference(grad, sharedGrads[name])}");
    }
}
