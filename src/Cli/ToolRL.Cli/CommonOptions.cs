using System.CommandLine;
using System.Globalization;

namespace ToolRL.Cli;

/// <summary>Options several commands share (the built-in ones and the modules'), so they read the same everywhere.</summary>
public static class CommonOptions
{
    /// <summary><c>--scenario</c>: the scenarios a command runs on (see <see cref="CliContext.Select"/>).</summary>
    public static Option<string[]> Scenario() => new("--scenario", "-s")
    {
        Description = "Limit the command to these scenarios (repeatable). Default: all of the project's scenarios.",
        AllowMultipleArgumentsPerToken = true,
    };

    /// <summary><c>--seed</c>, with the one default every command shares.</summary>
    public static Option<int> Seed() => new("--seed")
    {
        Description = "Random seed (default 1, the same for every command): the same seed gives the same train / held-out split, rollouts and metrics.",
        DefaultValueFactory = _ => ToolRL.Tasks.TaskSplit.DefaultSeed,
    };

    /// <summary><c>--max-turns</c>: the turn limit per episode.</summary>
    public static Option<int> MaxTurns() => new("--max-turns") { Description = "Turn limit per episode.", DefaultValueFactory = _ => 20 };

    /// <summary>True when the user gave <paramref name="option"/> (its default does not count).</summary>
    public static bool Given(ParseResult parse, Option option) => parse.GetResult(option) is { Implicit: false };

    /// <summary>A usage error naming <paramref name="option"/> when its value (if given) is below <paramref name="min"/>.</summary>
    public static void AtLeast(Option option, int? value, int min, string? note = null)
    {
        if (value < min)
            throw new CliException($"{option.Name} must be {min.ToString(CultureInfo.InvariantCulture)} or more{note}, got {value}", ExitCodes.BadArguments);
    }

    /// <summary>A usage error naming <paramref name="option"/> when its value (if given) is not a finite number above 0.</summary>
    public static void PositiveNumber(Option option, double? value)
    {
        if (value is { } v && !(v > 0 && double.IsFinite(v)))
            throw new CliException($"{option.Name} must be a positive number, got {v.ToString(CultureInfo.InvariantCulture)}", ExitCodes.BadArguments);
    }

    /// <summary>The value of a count option that must be at least 1; a usage error otherwise.</summary>
    public static int Positive(ParseResult parse, Option<int> option)
    {
        var value = parse.GetValue(option);
        return value >= 1 ? value : throw new CliException($"{option.Name} must be at least 1", ExitCodes.BadArguments);
    }
}
