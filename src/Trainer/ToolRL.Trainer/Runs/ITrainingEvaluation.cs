namespace ToolRL.Trainer.Runs;

/// <summary>
/// What <see cref="ResumableTrainingLoop"/> calls to evaluate the policy: before the first step of a fresh run (step
/// 0), every <see cref="TrainingLoopOptions.EvalInterval"/> steps and after the last. Its records go to <c>metrics.jsonl</c> and
/// TensorBoard with the step's, before the step's checkpoint, so a resumed run neither loses nor repeats them.
/// </summary>
public interface ITrainingEvaluation
{
    /// <summary>Evaluates the policy as it is after <paramref name="step"/> steps; returns the records to log.</summary>
    Task<IReadOnlyList<StepMetrics>> EvaluateAsync(int step, CancellationToken cancellationToken);
}
