namespace ToolRL;

/// <summary>
/// Marks a static method as a task: <paramref name="question"/> is what the user asks; the method body,
/// a composition of calls to one scenario's tools, is the golden solution. The call graph of the body is
/// the task's decomposition into sub-questions (a call used as another call's argument is a hop; sibling
/// calls are parallel). The method's single parameter must be the scenario interface.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class TaskAttribute(string question) : Attribute
{
    /// <summary>The user's question, in natural language.</summary>
    public string Question { get; } = question;
}
