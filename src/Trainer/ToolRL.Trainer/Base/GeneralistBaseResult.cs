using ToolRL.Construction.Procedural;
using ToolRL.Trainer.Evaluation;
using ToolRL.Trainer.Sft;

namespace ToolRL.Trainer.Base;

/// <summary>What a generalist-base run produced: data sizes, SFT, and the zero-shot evaluations of the saved model.</summary>
/// <param name="RunDirectory">The run folder.</param>
/// <param name="Universe">The universe's counts.</param>
/// <param name="TrainTasks">Universe tasks trained on.</param>
/// <param name="HeldOutTasks">Universe tasks held out.</param>
/// <param name="Sequences">SFT sequences (one per assistant turn's prefix group).</param>
/// <param name="Sft">Loss curve and throughput.</param>
/// <param name="General">Zero-shot on the universe's held-out tasks.</param>
/// <param name="Targets">Zero-shot on the target environments' held-out tasks.</param>
/// <param name="Elapsed">Wall time of this process.</param>
internal sealed record GeneralistBaseResult(
    string RunDirectory, UniverseSummary Universe, int TrainTasks, int HeldOutTasks, int Sequences, SftResult Sft,
    EvaluationReport General, EvaluationReport Targets, TimeSpan Elapsed);
