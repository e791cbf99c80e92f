using ToolRL.Construction.Toolsets;
using ToolRL.Tasks;
using ToolRL.Tools;

namespace ToolRL.Construction.Export;

/// <summary>One task as exported: the task (golden calls written for the toolset) and the toolset it runs in.</summary>
/// <param name="Task">The task; its sub-questions give the unsolved set.</param>
/// <param name="Environment">The environment name (scenario plus variant suffix).</param>
/// <param name="Tools">The tools offered.</param>
/// <param name="ToolImplementation">Reference to the local implementation, <c>toolrl:{environment}</c>.</param>
public sealed record ExportItem(EnvironmentTask Task, string Environment, IReadOnlyList<ToolDefinition> Tools, string ToolImplementation)
{
    /// <summary>The tools as a JSON array of OpenAI function tools; rendered once per toolset when built with <see cref="For"/>.</summary>
    public string ToolsJson { get => field ??= Trajectories.StepRecordJson.ToolsJson(Tools); init => field = value; }

    /// <summary>The item for a task in <paramref name="toolset"/> (the task is rewritten for it).</summary>
    public static ExportItem For(Toolset toolset, EnvironmentTask task) =>
        new(toolset.Rewrite(task), toolset.Name, toolset.Tools, "toolrl:" + toolset.Name) { ToolsJson = toolset.ToolsJson };
}
