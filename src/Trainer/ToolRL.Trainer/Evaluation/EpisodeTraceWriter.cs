using System.Text;
using System.Text.Json;
using ToolRL.IO;
using ToolRL.Trainer.Rollouts;

namespace ToolRL.Trainer.Evaluation;

/// <summary>
/// Writes evaluated episodes as JSON lines for inspection: task, environment, structure, metrics, and per turn the
/// raw text, the reward and each executed call with its arguments, outcome and the tool's output as the policy saw it.
/// </summary>
public static class EpisodeTraceWriter
{
    /// <summary>Writes one line per trace to <paramref name="path"/>, replacing it atomically (a kill leaves the old file or the new one, never a torn last line).</summary>
    public static void Write(string path, IReadOnlyList<EpisodeTrace> traces) => AtomicFile.Write(path, stream => Write(stream, traces));

    private static void Write(Stream stream, IReadOnlyList<EpisodeTrace> traces)
    {
        foreach (var t in traces)
        {
            using (var w = new Utf8JsonWriter(stream))
            {
                w.WriteStartObject();
                w.WriteString("task", t.Task.Task.Id);
                w.WriteString("environment", t.Task.Environment.Name);
                w.WriteString("structure", t.Task.Task.Structure.ToString());
                w.WriteString("question", t.Task.Task.Question);
                w.WriteString("final_answer", t.Task.Task.FinalAnswer);
                w.WriteNumber("solved", t.Metrics.Solved);
                w.WriteNumber("calls", t.Metrics.Calls);
                w.WriteNumber("sub_questions", t.Metrics.SubQuestions);
                w.WriteString("end", t.EndReason.ToString());
                w.WriteStartArray("turns");
                foreach (var s in t.Steps)
                {
                    w.WriteStartObject();
                    w.WriteString("text", s.Taken.Text);
                    w.WriteNumber("reward", s.Outcome.Reward);
                    w.WriteStartArray("calls");
                    foreach (var call in s.Outcome.Calls)
                    {
                        w.WriteStartObject();
                        w.WriteString("name", call.Call.Name);
                        w.WriteString("arguments", call.Call.ArgumentsJson);
                        w.WriteString("outcome", call.Result.Outcome.ToString());
                        w.WriteString("output", call.Result.Text);
                        w.WriteBoolean("solved_sub_question", call.SolvedSubQuestion);
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            stream.Write(Encoding.UTF8.GetBytes("\n"));
        }
    }
}
