using System.CommandLine;

namespace ToolRL.Trainer.Cli;

/// <summary>Options several commands share, so they read the same everywhere.</summary>
internal static class CommonOptions
{
    public static Option<string[]> Scenario() => new("--scenario", "-s")
    {
        Description = "Limit the command to these scenarios (repeatable). Default: all of the project's scenarios.",
        AllowMultipleArgumentsPerToken = true,
    };

    public static Option<int> Seed() => new("--seed")
    {
        Description = "Random seed: the same seed gives the same split, rollouts and metrics.",
        DefaultValueFactory = _ => 0,
    };
}
