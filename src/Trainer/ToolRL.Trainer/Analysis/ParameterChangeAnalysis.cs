using System.Globalization;
using System.Text.RegularExpressions;
using ToolRL.Trainer.Checkpoints;
using ToolRL.Trainer.Runs;
using static TorchSharp.torch;

namespace ToolRL.Trainer.Analysis;

/// <summary>
/// Per-layer, per-module relative parameter change between two checkpoints — the paper's analysis behind "the
/// gains come mostly from updates to the lower layers' MLP parameters". Parameters are grouped by their HF name:
/// <c>model.layers.{i}.{module}.{weight|bias}</c> → (layer i, module); anything else is its own group.
/// </summary>
public static partial class ParameterChangeAnalysis
{
    /// <summary>Column order for the table and heat map: attention, attention norms, MLP, layer norms.</summary>
    public static readonly IReadOnlyList<string> CanonicalModules =
    [
        "self_attn.q_proj", "self_attn.k_proj", "self_attn.v_proj", "self_attn.o_proj",
        "self_attn.q_norm", "self_attn.k_norm",
        "mlp.gate_proj", "mlp.up_proj", "mlp.down_proj",
        "input_layernorm", "post_attention_layernorm",
    ];

    [GeneratedRegex(@"^model\.layers\.(\d+)\.(.+)\.(weight|bias)$", RegexOptions.CultureInvariant)]
    private static partial Regex LayerParameter();

    /// <summary>Compares two sets of named tensors; the names and shapes must agree.</summary>
    public static IReadOnlyList<ModuleChange> Compare(
        IReadOnlyDictionary<string, Tensor> before, IReadOnlyDictionary<string, Tensor> after)
    {
        var missing = before.Keys.Except(after.Keys).Concat(after.Keys.Except(before.Keys)).Order(StringComparer.Ordinal).ToArray();
        if (missing.Length > 0)
            throw new ArgumentException(
                $"The checkpoints hold different tensors; only in one of them: {string.Join(", ", missing.Take(5))}{(missing.Length > 5 ? ", …" : "")}.");

        var groups = new Dictionary<(int? Layer, string Module), (double Before, double Delta, long Elements)>();
        using var noGrad = no_grad();
        foreach (var (name, first) in before)
        {
            var second = after[name];
            if (!first.shape.SequenceEqual(second.shape))
                throw new ArgumentException(
                    $"Tensor '{name}' has shape [{string.Join(", ", first.shape)}] before and [{string.Join(", ", second.shape)}] after.");
            using var scope = NewDisposeScope();
            var a = first.to_type(ScalarType.Float64);
            var b = second.to_type(ScalarType.Float64).to(a.device);
            var key = GroupOf(name);
            var sum = groups.GetValueOrDefault(key);
            groups[key] = (sum.Before + a.square().sum().item<double>(), sum.Delta + (b - a).square().sum().item<double>(),
                sum.Elements + a.numel());
        }

        return groups
            .Select(g =>
            {
                var beforeNorm = Math.Sqrt(g.Value.Before);
                var deltaNorm = Math.Sqrt(g.Value.Delta);
                var relative = beforeNorm > 0 ? deltaNorm / beforeNorm : deltaNorm > 0 ? double.PositiveInfinity : 0;
                return new ModuleChange(g.Key.Layer, g.Key.Module, relative, beforeNorm, deltaNorm, g.Value.Elements);
            })
            .OrderBy(c => c.Layer ?? int.MaxValue)
            .ThenBy(c => ModuleRank(c.Module))
            .ThenBy(c => c.Module, StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>
    /// Compares the safetensors weights of two HF checkpoint folders (every <c>*.safetensors</c> file in each),
    /// reading tensor by tensor.
    /// </summary>
    public static IReadOnlyList<ModuleChange> CompareCheckpoints(string beforeDirectory, string afterDirectory)
    {
        var before = ReadAll(beforeDirectory);
        var after = ReadAll(afterDirectory);
        try
        {
            return Compare(before, after);
        }
        finally
        {
            foreach (var t in before.Values.Concat(after.Values))
                t.Dispose();
        }
    }

    /// <summary>A table: one row per layer, one column per module, cells ‖Δ‖/‖θ₀‖; non-layer groups follow.</summary>
    public static MarkdownTable ToTable(IReadOnlyList<ModuleChange> changes)
    {
        var modules = LayerModules(changes);
        var table = new MarkdownTable(["layer", .. modules]);
        foreach (var layer in changes.Where(c => c.Layer is not null).Select(c => c.Layer!.Value).Distinct().Order())
        {
            var row = changes.Where(c => c.Layer == layer).ToDictionary(c => c.Module, c => c.RelativeChange);
            table.Add([layer.ToString(CultureInfo.InvariantCulture), .. modules.Select(m => row.TryGetValue(m, out var v) ? Format(v) : "–")]);
        }
        foreach (var other in changes.Where(c => c.Layer is null))
            table.Add([other.Module, .. modules.Select((_, i) => i == 0 ? Format(other.RelativeChange) : "")]);
        return table;
    }

    /// <summary>
    /// Mean relative change per module kind in the lower and upper half of the layers — the comparison the
    /// paper's finding is about.
    /// </summary>
    public static MarkdownTable KindSummary(IReadOnlyList<ModuleChange> changes)
    {
        var layers = changes.Where(c => c.Layer is not null).Select(c => c.Layer!.Value).Distinct().Order().ToArray();
        var table = new MarkdownTable("kind", "lower half (mean)", "upper half (mean)");
        if (layers.Length == 0)
            return table;
        var split = layers[layers.Length / 2];
        foreach (var kind in new[] { "attention", "mlp", "norm" })
        {
            var lower = changes.Where(c => c.Layer < split && c.Kind == kind).Select(c => c.RelativeChange).ToArray();
            var upper = changes.Where(c => c.Layer >= split && c.Kind == kind).Select(c => c.RelativeChange).ToArray();
            table.Add(kind, lower.Length == 0 ? "–" : Format(lower.Average()), upper.Length == 0 ? "–" : Format(upper.Average()));
        }
        return table;
    }

    /// <summary>A heat map PNG: layers down, modules across, colour = relative change.</summary>
    public static void SaveHeatmap(IReadOnlyList<ModuleChange> changes, string path, int width = 900, int height = 600)
    {
        var modules = LayerModules(changes);
        var layers = changes.Where(c => c.Layer is not null).Select(c => c.Layer!.Value).Distinct().Order().ToArray();
        if (layers.Length == 0 || modules.Count == 0)
            throw new ArgumentException("No decoder-layer parameters to plot.", nameof(changes));
        var data = new double[layers.Length, modules.Count];
        for (var r = 0; r < layers.Length; r++)
            for (var c = 0; c < modules.Count; c++)
                data[r, c] = changes.FirstOrDefault(x => x.Layer == layers[r] && x.Module == modules[c])?.RelativeChange ?? double.NaN;

        var plot = new ScottPlot.Plot();
        var heatmap = plot.Add.Heatmap(data);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        plot.Add.ColorBar(heatmap);
        plot.Title("Relative parameter change ‖θ₁ − θ₀‖ / ‖θ₀‖");
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, modules.Count).Select(i => (double)i).ToArray(),
            modules.Select(m => m.Replace("self_attn.", "attn.", StringComparison.Ordinal)).ToArray());
        plot.Axes.Bottom.TickLabelStyle.Rotation = 45;
        plot.Axes.Bottom.TickLabelStyle.Alignment = ScottPlot.Alignment.MiddleLeft;
        // Heatmap rows are drawn bottom-up from row 0 of the array's last index; label them accordingly.
        plot.Axes.Left.SetTicks(Enumerable.Range(0, layers.Length).Select(i => (double)i).ToArray(),
            layers.Reverse().Select(l => "layer " + l.ToString(CultureInfo.InvariantCulture)).ToArray());
        // Room for the rotated module names under the map.
        plot.Layout.Fixed(new ScottPlot.PixelPadding(80, 110, 170, 40));
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        plot.SavePng(path, width, height);
    }

    /// <summary>The table, the kind summary and the heat map as a Markdown section written next to the PNG.</summary>
    public static void WriteReport(IReadOnlyList<ModuleChange> changes, string markdownPath, string heatmapPath)
    {
        SaveHeatmap(changes, heatmapPath);
        var report = new RunReport("Parameter change per layer and module")
            .Paragraph("Cells are ‖θ₁ − θ₀‖ / ‖θ₀‖ over each module's weight and bias.")
            .Table(ToTable(changes))
            .Section("By kind, lower vs upper half of the layers")
            .Table(KindSummary(changes))
            .Image("heat map", heatmapPath, Path.GetDirectoryName(Path.GetFullPath(markdownPath))!);
        report.Save(markdownPath);
    }

    private static Dictionary<string, Tensor> ReadAll(string directory)
    {
        var files = ModelLoader.WeightFiles(directory);
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            using var reader = SafetensorsFile.Open(file);
            foreach (var name in reader.Entries.Keys)
                if (!tensors.TryAdd(name, reader.Read(name)))
                    throw new InvalidDataException($"Tensor '{name}' appears in more than one file of '{directory}'.");
        }
        return tensors;
    }

    private static (int? Layer, string Module) GroupOf(string name)
    {
        var m = LayerParameter().Match(name);
        if (m.Success)
            return (int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), m.Groups[2].Value);
        var module = name.EndsWith(".weight", StringComparison.Ordinal) ? name[..^".weight".Length]
            : name.EndsWith(".bias", StringComparison.Ordinal) ? name[..^".bias".Length]
            : name;
        return (null, module);
    }

    private static List<string> LayerModules(IReadOnlyList<ModuleChange> changes) =>
        changes.Where(c => c.Layer is not null).Select(c => c.Module).Distinct()
            .OrderBy(ModuleRank).ThenBy(m => m, StringComparer.Ordinal).ToList();

    private static int ModuleRank(string module)
    {
        var i = CanonicalModules.ToList().IndexOf(module);
        return i < 0 ? CanonicalModules.Count : i;
    }

    private static string Format(double v) => v.ToString("0.###e+0", CultureInfo.InvariantCulture);
}
