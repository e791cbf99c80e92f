using ToolRL.Trainer.Analysis;
using ToolRL.Trainer.Evaluation;
using ToolRL.Trainer.Rl;

namespace ToolRL.Trainer.Base;

/// <summary>What the experiment from the generalist base measured (<see cref="BaseRlJob"/>).</summary>
internal sealed record BaseRlResult(
    int Seed, string RunDirectory, string BaseDirectory, int TrainTasks, int HeldOutTasks, int GeneralTasks,
    EvaluationReport TargetsBefore, EvaluationReport TargetsAfter, EvaluationReport GeneralBefore, EvaluationReport GeneralAfter,
    IReadOnlyList<RlUpdateStats> Rl, IReadOnlyList<ModuleChange> Changes, int RlSteps, TimeSpan RlElapsed, TimeSpan Elapsed);
