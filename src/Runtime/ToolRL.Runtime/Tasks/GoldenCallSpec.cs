namespace ToolRL.Tasks;

/// <summary>
/// One node of a task's golden call graph, as the generator derives it from the task body at compile time.
/// </summary>
/// <param name="Index">Position of the call in execution order (0-based).</param>
/// <param name="ToolName">The tool's model-facing name.</param>
/// <param name="DependsOn">Indices of earlier calls whose outputs this call consumes as arguments.</param>
/// <param name="SubAnswer">
/// When the task consumes only one member of this call's result (<c>d.CancelBooking(d.BookRoom(…).BookingId)</c>):
/// renders that member of the call's result as the gold sub-answer, by the tool-output rendering rule. Null: the
/// sub-answer is the call's whole rendered output.
/// </param>
/// <param name="SubAnswerMember">The member path <paramref name="SubAnswer"/> reads, e.g. <c>BookingId</c>; null with it.</param>
public sealed record GoldenCallSpec(
    int Index,
    string ToolName,
    IReadOnlyList<int> DependsOn,
    Func<object?, string>? SubAnswer = null,
    string? SubAnswerMember = null);
