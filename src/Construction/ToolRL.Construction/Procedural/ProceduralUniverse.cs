namespace ToolRL.Construction.Procedural;

/// <summary>
/// A seeded universe of procedurally generated scenarios (issue 15's first step): random tools over random entities,
/// whose golden trajectories are meant to train a generalist tool-use base that has never seen the target environments.
/// The same options give the same universe, task for task.
/// </summary>
public sealed class ProceduralUniverse
{
    private ProceduralUniverse(ProceduralOptions options, IReadOnlyList<ProceduralScenario> scenarios)
    {
        Options = options;
        Scenarios = scenarios;
    }

    /// <summary>The options it was generated with.</summary>
    public ProceduralOptions Options { get; }

    /// <summary>The scenarios, each an environment with its composed and validated tasks.</summary>
    public IReadOnlyList<ProceduralScenario> Scenarios { get; }

    /// <summary>Generates the universe; throws <see cref="ArgumentException"/> for options out of range.</summary>
    public static ProceduralUniverse Generate(ProceduralOptions? options = null)
    {
        options ??= new ProceduralOptions();
        options.Validate();
        var scenarios = new ProceduralScenario[options.Scenarios];
        for (var i = 0; i < scenarios.Length; i++)
        {
            // One stream per scenario, so a scenario does not change when the count of scenarios does.
            var seed = unchecked(options.Seed * 1_000_003 + i * 7_919);
            var source = ScenarioGenerator.Generate(options, i, new Random(seed));
            scenarios[i] = new ProceduralScenario(source, options.Composition with { Seed = seed });
        }
        return new ProceduralUniverse(options, scenarios);
    }

    /// <summary>Counts per structure, tools, entities and validation rejections.</summary>
    public UniverseSummary Describe() => UniverseSummary.Of(this);
}
