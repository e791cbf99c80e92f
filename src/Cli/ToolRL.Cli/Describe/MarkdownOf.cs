using ToolRL.Environments;

namespace ToolRL.Cli.Describe;

/// <summary>The generated Markdown page of an environment built from a scenario, or null for other environments.</summary>
internal sealed class MarkdownOf : IScenarioVisitor<string>
{
    public static string? Page(IToolEnvironment environment) =>
        environment is IScenarioEnvironment typed ? typed.Accept(new MarkdownOf()) : null;

    public string Visit<TTools>(IScenario<TTools> scenario, Func<TTools> factory) where TTools : class => scenario.Markdown;
}
