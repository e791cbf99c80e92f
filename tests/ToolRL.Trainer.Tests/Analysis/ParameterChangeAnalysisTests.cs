using ToolRL.Trainer.Analysis;
using ToolRL.Trainer.Checkpoints;
using ToolRL.Trainer.Models;
using ToolRL.Trainer.Tests.Runs;
using static TorchSharp.torch;

namespace ToolRL.Trainer.Tests.Analysis;


public class ParameterChangeAnalysisTests
{
    [Fact]
    public void Relative_change_groups_weight_and_bias_per_layer_module()
    {
        // q_proj of layer 0: weight [3, 4] → [3, 4 + 1] ... chosen so the norms are whole numbers:
        //   weight (3, 4) → (3, 4) unchanged; bias (0) → (5): ‖θ₀‖ = 5, ‖Δ‖ = 5 → relative 1.
        // mlp.up_proj of layer 1: (6, 8) → (6, 8) + (0, 1): ‖θ₀‖ = 10, ‖Δ‖ = 1 → 0.1.
        // model.norm: (2) → (2): 0.
        var before = new Dictionary<string, Tensor>
        {
            ["model.layers.0.self_attn.q_proj.weight"] = tensor(new float[] { 3, 4 }),
            ["model.layers.0.self_attn.q_proj.bias"] = tensor(new float[] { 0 }),
            ["model.layers.1.mlp.up_proj.weight"] = tensor(new float[] { 6, 8 }),
            ["model.norm.weight"] = tensor(new float[] { 2 }),
        };
        var after = new Dictionary<string, Tensor>
        {
            ["model.layers.0.self_attn.q_proj.weight"] = tensor(new float[] { 3, 4 }),
            ["model.layers.0.self_attn.q_proj.bias"] = tensor(new float[] { 5 }),
            ["model.layers.1.mlp.up_proj.weight"] = tensor(new float[] { 6, 9 }),
            ["model.norm.weight"] = tensor(new float[] { 2 }),
        };
        var changes = ParameterChangeAnalysis.Compare(before, after);
        Assert.Equal(3, changes.Count);
        Assert.Equal((0, "self_attn.q_proj", 1.0, 3L, "attention"), (changes[0].Layer, changes[0].Module, changes[0].RelativeChange, changes[0].Elements, changes[0].Kind));
        Assert.Equal((1, "mlp.up_proj", "mlp"), (changes[1].Layer, changes[1].Module, changes[1].Kind));
        Assert.Equal(0.1, changes[1].RelativeChange, 12);
        Assert.Equal((null, "model.norm", 0.0), (changes[2].Layer, changes[2].Module, changes[2].RelativeChange));

        var table = ParameterChangeAnalysis.ToTable(changes).ToString();
        Assert.Contains("| layer | self_attn.q_proj | mlp.up_proj |", table);
        Assert.Contains("| 0 | 1e+0 | – |", table);
        Assert.Contains("| 1 | – | 1e-1 |", table);
    }

    [Fact]
    public void Mismatched_checkpoints_are_named()
    {
        var a = new Dictionary<string, Tensor> { ["x.weight"] = zeros(2), ["y.weight"] = zeros(2) };
        var b = new Dictionary<string, Tensor> { ["x.weight"] = zeros(3), ["z.weight"] = zeros(2) };
        var e = Assert.Throws<ArgumentException>(() => ParameterChangeAnalysis.Compare(a, b));
        Assert.Contains("y.weight", e.Message);
        Assert.Contains("z.weight", e.Message);
        e = Assert.Throws<ArgumentException>(() => ParameterChangeAnalysis.Compare(
            new Dictionary<string, Tensor> { ["x.weight"] = zeros(2) }, new Dictionary<string, Tensor> { ["x.weight"] = zeros(3) }));
        Assert.Contains("'x.weight'", e.Message);
    }

    [Fact]
    public void Two_tiny_checkpoints_give_a_table_and_a_heat_map_that_find_the_changed_modules()
    {
        using var dir = new TempDirectory();
        TinyCheckpoint.Write(dir["before"], ModelFamily.Qwen3, seed: 1);
        TinyCheckpoint.Write(dir["after"], ModelFamily.Qwen3, seed: 1);
        // Change only layer 0's MLP down projection in the second checkpoint.
        using (var model = ModelLoader.Load(dir["after"]))
        {
            using (no_grad())
                foreach (var (name, p) in model.named_parameters())
                    if (name == "model.layers.0.mlp.down_proj.weight")
                        p.mul_(1.5);
            ModelSaver.Save(model, dir["after"]);
        }

        var changes = ParameterChangeAnalysis.CompareCheckpoints(dir["before"], dir["after"]);
        var changed = Assert.Single(changes, c => c.RelativeChange > 0);
        Assert.Equal((0, "mlp.down_proj"), (changed.Layer, changed.Module));
        Assert.Equal(0.5, changed.RelativeChange, 5);

        ParameterChangeAnalysis.WriteReport(changes, dir["analysis.md"], dir["analysis.png"]);
        Assert.Equal((byte)0x89, File.ReadAllBytes(dir["analysis.png"])[0]);
        var markdown = File.ReadAllText(dir["analysis.md"]);
        // Kind summary: only the lower half's MLPs moved.
        var mlp = markdown.Split('\n').Single(l => l.StartsWith("| mlp |")).Split('|', StringSplitOptions.TrimEntries);
        Assert.True(double.Parse(mlp[2], System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Equal("0e+0", mlp[3]);
        Assert.Contains("](analysis.png)", markdown);
    }
}
