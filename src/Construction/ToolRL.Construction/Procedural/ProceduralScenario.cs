using ToolRL.Construction.Composition;
using ToolRL.Construction.Pipeline;
using ToolRL.Construction.Sources;
using ToolRL.Construction.Toolsets;
using ToolRL.Construction.Validation;
using ToolRL.Environments;
using ToolRL.Tasks;
using ToolRL.Tools;

namespace ToolRL.Construction.Procedural;

/// <summary>
/// One scenario of a procedural universe as an environment: its tools answer from their fact tables, its sessions run
/// through the Runtime's <see cref="ToolSessionFactory"/> (a <see cref="ToolsetEnvironment"/>), and its tasks are the
/// composed tasks of all four structures that <see cref="ConstructionPipeline.ComposeValidated"/> accepts.
/// </summary>
public sealed class ProceduralScenario : IToolEnvironment
{
    private readonly ToolsetEnvironment _environment;

    internal ProceduralScenario(ScenarioSource source, CompositionOptions composition)
    {
        Source = source;
        Validation = new ScenarioValidationReport(source.Name, source.Tools.Select(t => t.Name));
        var tasks = ConstructionPipeline.ComposeValidated(source, composition, validation: Validation).ToList();
        _environment = new ToolsetEnvironment(Toolset.Of(source), tasks, source.Description);
    }

    /// <summary>The scenario as construction sees it (signatures, facts, invokers), for export and scaling.</summary>
    public ScenarioSource Source { get; }

    /// <summary>Every composed task with its validation issues: <see cref="ScenarioValidationReport.Tasks"/> composed, <see cref="ScenarioValidationReport.Valid"/> kept.</summary>
    public ScenarioValidationReport Validation { get; }

    /// <inheritdoc />
    public string Name => _environment.Name;

    /// <inheritdoc />
    public string Description => _environment.Description;

    /// <inheritdoc />
    public IReadOnlyList<ToolDefinition> Tools => _environment.Tools;

    /// <inheritdoc />
    public IReadOnlyList<EnvironmentTask> Tasks => _environment.Tasks;

    /// <inheritdoc />
    public IToolSession OpenSession() => _environment.OpenSession();
}
