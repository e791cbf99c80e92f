using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ToolRL.Trainer.Optimization;

/// <summary>
/// Chooses which parameters train: those whose HF name matches any pattern (all when no pattern is given). The
/// others get <c>requires_grad = false</c>, so no gradient is computed or applied for them.
/// </summary>
internal static class TrainableParameters
{
    /// <summary>
    /// Marks the matching parameters of <paramref name="named"/> trainable and freezes the rest; returns the trainable
    /// ones in order. A pattern list that matches nothing throws, naming the patterns and a few parameter names.
    /// </summary>
    public static IReadOnlyList<(string Name, Parameter Parameter)> Select(
        IEnumerable<(string Name, Parameter Parameter)> named, IReadOnlyList<ParameterPattern>? patterns)
    {
        var all = named.ToArray();
        var selected = new List<(string, Parameter)>();
        foreach (var (name, parameter) in all)
        {
            var train = patterns is null || patterns.Count == 0 || patterns.Any(p => p.IsMatch(name));
            parameter.requires_grad = train;
            if (train)
                selected.Add((name, parameter));
        }
        if (all.Length == 0)
            throw new ArgumentException("The model has no parameters to train.", nameof(named));
        if (selected.Count == 0)
            throw new ArgumentException(
                $"No parameter matches {string.Join(" or ", patterns!.Select(p => $"'{p.Text}'"))}; parameter names look like " +
                string.Join(", ", all.Take(4).Select(n => n.Name)) + ".");
        return selected;
    }

    /// <summary><see cref="Select(IEnumerable{ValueTuple{string, Parameter}}, IReadOnlyList{ParameterPattern})"/> over a module's named parameters.</summary>
    public static IReadOnlyList<(string Name, Parameter Parameter)> Select(nn.Module module, string? patterns) =>
        Select(module.named_parameters(), string.IsNullOrWhiteSpace(patterns) ? null : ParameterPattern.ParseList(patterns));
}
