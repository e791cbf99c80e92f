using ToolRL.Construction.Sources;
using ToolRL.Tasks;
using ToolRL.Tools;

namespace ToolRL.Construction.Toolsets;

/// <summary>
/// What the model is offered and how its calls run: tool documents, their signatures, an invoker factory
/// (fresh state per episode), and how a golden call of the original scenario is written for these tools.
/// Function integration and the complexity-scaling strategies each turn one toolset into another.
/// </summary>
public sealed class Toolset
{
    private readonly Func<IToolInvoker> _newInvoker;
    private readonly Func<SubQuestion, SubQuestion> _rewrite;

    /// <summary>Creates a toolset; <paramref name="rewrite"/> maps a golden call of the original scenario onto these tools.</summary>
    public Toolset(string name, string scenario, IReadOnlyList<ToolDefinition> tools, IReadOnlyList<ToolSignature> signatures,
        Func<IToolInvoker> newInvoker, Func<SubQuestion, SubQuestion> rewrite)
    {
        var duplicate = tools.GroupBy(t => t.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"Toolset '{name}' would offer two tools named '{duplicate.Key}'.", nameof(tools));
        Name = name;
        Scenario = scenario;
        Tools = tools;
        Signatures = signatures;
        _newInvoker = newInvoker;
        _rewrite = rewrite;
    }

    /// <summary>The toolset's name: the scenario name plus a suffix per transform (e.g. <c>geo+integrated</c>).</summary>
    public string Name { get; }

    /// <summary>The scenario the golden calls come from.</summary>
    public string Scenario { get; }

    /// <summary>The tool documents the model sees.</summary>
    public IReadOnlyList<ToolDefinition> Tools { get; }

    /// <summary>Signatures of <see cref="Tools"/>, parallel to it.</summary>
    public IReadOnlyList<ToolSignature> Signatures { get; }

    /// <summary>The tools as a JSON array of OpenAI function tools (rendered once).</summary>
    public string ToolsJson => field ??= Trajectories.StepRecordJson.ToolsJson(Tools);

    /// <summary>An invoker over fresh state.</summary>
    public IToolInvoker NewInvoker() => _newInvoker();

    /// <summary>A golden call of the original scenario, written for this toolset (its gold answer unchanged).</summary>
    public SubQuestion Rewrite(SubQuestion golden) => _rewrite(golden);

    /// <summary>The task with every golden call rewritten for this toolset; question and answers unchanged.</summary>
    public EnvironmentTask Rewrite(EnvironmentTask task)
    {
        if (task.Scenario != Scenario)
            throw new ArgumentException($"Task '{task.Id}' belongs to scenario '{task.Scenario}', not '{Scenario}'.", nameof(task));
        var rewritten = new SubQuestion[task.SubQuestions.Count];
        for (var i = 0; i < rewritten.Length; i++)
            rewritten[i] = _rewrite(task.SubQuestions[i]);
        return task with { SubQuestions = rewritten };
    }

    /// <summary>The scenario's own tools, unchanged.</summary>
    public static Toolset Of(ScenarioSource scenario) =>
        new(scenario.Name, scenario.Name, scenario.Tools, scenario.Signatures, scenario.NewInvoker, q => q);

    /// <summary>A toolset derived from this one (same scenario; rewrites chain after this one's).</summary>
    public Toolset Derive(string suffix, IReadOnlyList<ToolDefinition> tools, IReadOnlyList<ToolSignature> signatures,
        Func<IToolInvoker, IToolInvoker> wrap, Func<SubQuestion, SubQuestion> rewrite)
    {
        var inner = _newInvoker;
        var before = _rewrite;
        return new Toolset(Name + "+" + suffix, Scenario, tools, signatures, () => wrap(inner()), q => rewrite(before(q)));
    }
}
