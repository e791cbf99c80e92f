using ToolRL.Environments;

namespace ToolRL.Cli;

/// <summary>What every command runs against: the project's environments and the output streams.</summary>
/// <param name="Environments">The environments the project declares.</param>
/// <param name="Output">Where results go.</param>
/// <param name="Error">Where errors and warnings go.</param>
public sealed record CliContext(IReadOnlyList<IToolEnvironment> Environments, TextWriter Output, TextWriter Error)
{
    /// <summary>What the running command has saved so far: the line an interrupt prints (see <see cref="OnInterrupt"/>).</summary>
    private Func<string>? _interrupted;

    /// <summary>
    /// Sets what the command says when interrupted from now on: what is saved and how to resume, e.g.
    /// "after sft step 800; run the same command to resume from runs/x/checkpoints/sft/step-000800". Evaluated when the interrupt is reported,
    /// so it can look at what is on disk then.
    /// </summary>
    public void OnInterrupt(Func<string> describe) => _interrupted = describe;

    /// <summary>The interrupt message of the running command.</summary>
    internal string InterruptMessage() =>
        "interrupted " + (_interrupted?.Invoke() ?? "before anything was written; run the same command to start again");

    /// <summary>
    /// The environments selected by <c>--scenario</c> (all when <paramref name="names"/> is empty).
    /// An unknown name is a usage error listing the known ones.
    /// </summary>
    public IReadOnlyList<IToolEnvironment> Select(IReadOnlyList<string>? names)
    {
        if (names is null || names.Count == 0)
            return Environments;
        var selected = new List<IToolEnvironment>();
        foreach (var name in names)
        {
            var match = Environments.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase))
                ?? throw new CliException(
                    $"no scenario named '{name}'; available: {string.Join(", ", Environments.Select(e => e.Name))}.",
                    ExitCodes.BadArguments);
            selected.Add(match);
        }
        return selected;
    }
}
