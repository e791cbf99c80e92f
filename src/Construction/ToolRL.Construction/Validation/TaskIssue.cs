namespace ToolRL.Construction.Validation;

/// <summary>What can be wrong with a task.</summary>
public enum TaskIssueKind
{
    /// <summary>A golden call did not execute (error feedback instead of output).</summary>
    CallFailed,
    /// <summary>A gold sub-answer or the final answer is empty (the reference check would accept anything).</summary>
    EmptyAnswer,
    /// <summary>Re-executing a golden call gives an output the answer check does not accept for its gold sub-answer.</summary>
    NotReproducible,
    /// <summary>A wrong call (another known argument value) also produces output accepted as the gold sub-answer.</summary>
    NotDiscriminative,
    /// <summary>The question already contains its final answer or a sub-answer (including intermediate hop values).</summary>
    AnswerInQuestion,
    /// <summary>The question has template artifacts (braces, doubled spaces, "null").</summary>
    TemplateArtifact,
    /// <summary>The golden call graph does not have the structure the task claims.</summary>
    StructureMismatch,
}

/// <summary>One finding about one task.</summary>
public sealed record TaskIssue(string TaskId, TaskIssueKind Kind, string Detail);
