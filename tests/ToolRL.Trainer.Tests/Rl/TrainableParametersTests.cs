using TorchSharp.Modules;
using static TorchSharp.torch;
using ToolRL.Trainer.Optimization;

namespace ToolRL.Trainer.Tests.Rl;


public class TrainableParametersTests
{
    [Theory]
    [InlineData("model.layers.[0-9].mlp.*", "model.layers.3.mlp.up_proj.weight", true)]
    [InlineData("model.layers.[0-9].mlp.*", "model.layers.13.mlp.up_proj.weight", false)]
    [InlineData("model.layers.[0-9].mlp.*", "model.layers.3.self_attn.q_proj.weight", false)]
    [InlineData("model.layers.*.{mlp,input_layernorm}.*", "model.layers.12.input_layernorm.weight", true)]
    [InlineData("model.layers.?.mlp.*", "model.layers.3Xmlp.w", false)]
    [InlineData("regex:model\\.layers\\.(1[0-1]|[0-9])\\.mlp\\..*", "model.layers.11.mlp.down_proj.weight", true)]
    [InlineData("regex:model\\.layers\\.(1[0-1]|[0-9])\\.mlp\\..*", "model.layers.12.mlp.down_proj.weight", false)]
    public void Patterns_match_whole_hf_names(string pattern, string name, bool expected) =>
        Assert.Equal(expected, ParameterPattern.Parse(pattern).IsMatch(name));

    [Fact]
    public void Bad_patterns_are_named_in_the_error()
    {
        Assert.Contains("model.[0-9", Assert.Throws<ArgumentException>(() => ParameterPattern.Parse("model.[0-9")).Message);
        Assert.Contains("regex:(", Assert.Throws<ArgumentException>(() => ParameterPattern.Parse("regex:(")).Message);
    }

    [Fact]
    public void Only_the_selected_subset_changes_after_an_optimizer_step()
    {
        manual_seed(7);
        var named = new (string Name, Parameter Parameter)[]
        {
            ("model.embed_tokens.weight", new Parameter(randn(5, 4))),
            ("model.layers.0.self_attn.q_proj.weight", new Parameter(randn(4, 4))),
            ("model.layers.0.mlp.up_proj.weight", new Parameter(randn(4, 4))),
            ("model.layers.1.mlp.up_proj.weight", new Parameter(randn(4, 4))),
            ("lm_head.weight", new Parameter(randn(5, 4))),
        };
        var before = named.ToDictionary(n => n.Name, n => n.Parameter.detach().clone());

        var trainable = TrainableParameters.Select(named, ParameterPattern.ParseList("model.layers.[0-9].mlp.*"));
        Assert.Equal(["model.layers.0.mlp.up_proj.weight", "model.layers.1.mlp.up_proj.weight"], trainable.Select(t => t.Name));

        using var optimizer = new PolicyOptimizer(trainable.Select(t => t.Parameter), new PolicyOptimizerOptions { LearningRate = 0.1 });
        // A toy causal LM: embed → q → mlp0 → mlp1 → head, log-prob of token 2 at input token 1.
        var p = named.ToDictionary(n => n.Name, n => (Tensor)n.Parameter);
        var h = p["model.embed_tokens.weight"][1];
        h = p["model.layers.0.self_attn.q_proj.weight"].matmul(h);
        h = p["model.layers.0.mlp.up_proj.weight"].matmul(h).tanh();
        h = p["model.layers.1.mlp.up_proj.weight"].matmul(h);
        var logp = p["lm_head.weight"].matmul(h).log_softmax(-1)[2];
        (-logp).backward();

        Assert.Null(named[0].Parameter.grad);
        Assert.Null(named[4].Parameter.grad);
        var result = optimizer.Step();
        Assert.True(result.Applied);
        Assert.True(result.GradNorm > 0);

        foreach (var (name, parameter) in named)
        {
            var changed = !parameter.detach().allclose(before[name]);
            Assert.Equal(name.Contains(".mlp."), changed);
        }
    }

    [Fact]
    public void Gradient_norm_is_clipped_to_the_limit()
    {
        var w = new Parameter(zeros(3));
        using var optimizer = new PolicyOptimizer([w], new PolicyOptimizerOptions { MaxGradNorm = 1.0, LearningRate = 0 });
        // loss = 3·w0 + 4·w1 → grad (3, 4, 0), norm 5 → clipped to (0.6, 0.8, 0).
        (w * tensor(new float[] { 3, 4, 0 })).sum().backward();
        Assert.Equal(5.0, optimizer.ClipGradients(), 4);
        TensorAssert.Close([0.6, 0.8, 0], w.grad!);
    }

    [Fact]
    public void A_pattern_matching_nothing_names_the_pattern()
    {
        var named = new (string, Parameter)[] { ("model.norm.weight", new Parameter(ones(2))) };
        var e = Assert.Throws<ArgumentException>(() => TrainableParameters.Select(named, ParameterPattern.ParseList("model.layers.*")));
        Assert.Contains("model.layers.*", e.Message);
        Assert.Contains("model.norm.weight", e.Message);
    }
}
