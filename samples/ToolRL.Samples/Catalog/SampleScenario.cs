using ToolRL.Environments;

namespace ToolRL.Samples.Catalog;

/// <summary>A sample scenario as the catalog lists it: the environment and its generated Markdown page.</summary>
/// <param name="Environment">The environment: tools, tasks with gold answers, sessions.</param>
/// <param name="Markdown">The generated Markdown page documenting the tools.</param>
public sealed record SampleScenario(IToolEnvironment Environment, string Markdown)
{
    /// <summary>The scenario name, e.g. <c>travel</c>.</summary>
    public string Name => Environment.Name;
}
