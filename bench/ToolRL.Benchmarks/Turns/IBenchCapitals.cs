namespace ToolRL.Benchmarks.Turns;

/// <summary>A one-tool scenario whose dispatcher, schema and task descriptor come from the source generator.</summary>
[Scenario("bench-capitals")]
public partial interface IBenchCapitals
{
    /// <summary>Returns the capital city of a country.</summary>
    /// <param name="country">Country name in English, e.g. "France".</param>
    [Tool(Phrase = "the capital of {country}")]
    string GetCapital(string country);
}

/// <summary>The trivial implementation: a constant lookup.</summary>
public sealed class BenchCapitals : IBenchCapitals
{
    public string GetCapital(string country) => country switch
    {
        "France" => "Paris",
        "Japan" => "Tokyo",
        _ => "unknown",
    };
}

/// <summary>The benchmark task. Its gold answer (Tokyo) is never produced by the benchmark's France call,
/// so a long-lived episode does not change state between turns.</summary>
public static partial class BenchCapitalsTasks
{
    [Task("What is the capital of Japan?")]
    static string Japan(IBenchCapitals tools) => tools.GetCapital("Japan");
}
