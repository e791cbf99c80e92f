using System.Buffers;
using System.Text;
using System.Text.Json;
using ToolRL.Trajectories;

namespace ToolRL.Construction.Export;

/// <summary>Builds <see cref="VerlRow"/>s from FTRL records.</summary>
public static class VerlRows
{
    /// <summary>The <c>agent_name</c> of every row: the verl agent loop registered by <c>integrations/verl/toolrl_agent_loop.py</c>.</summary>
    public const string AgentName = "toolrl_agent";

    /// <summary>The verl row of an initial record of <paramref name="item"/>.</summary>
    public static VerlRow From(ExportItem item, StepRecord record, string split, long index) => new()
    {
        DataSource = "toolrl/" + item.Environment,
        Prompt = record.Messages.Select(m => new VerlMessage { Role = m.Role, Content = m.Content ?? "" }).ToList(),
        RewardModel = new VerlRewardModel { GroundTruth = record.GoldAnswer },
        ExtraInfo = new VerlExtraInfo
        {
            Split = split,
            Index = index,
            TaskId = item.Task.Id,
            Environment = item.Environment,
            Scenario = item.Task.Scenario,
            Structure = item.Task.Structure.ToString(),
            Tools = VerlToolSchemas.EnsureTypes(item.ToolsJson),
            SolveRate = record.SolveRate,
            GoldAnswer = record.GoldAnswer,
            UnsolvedSet = WriteJson(w =>
            {
                w.WriteStartObject();
                foreach (var (tool, answers) in record.Unsolved)
                {
                    w.WriteStartArray(tool);
                    foreach (var a in answers)
                        w.WriteStringValue(a);
                    w.WriteEndArray();
                }
                w.WriteEndObject();
            }),
            GoldenCalls = WriteJson(w =>
            {
                w.WriteStartArray();
                foreach (var q in item.Task.SubQuestions)
                {
                    w.WriteStartObject();
                    w.WriteString("name", q.ToolName);
                    w.WritePropertyName("arguments");
                    w.WriteRawValue(q.ArgumentsJson);
                    w.WriteStartArray("depends_on");
                    foreach (var d in q.DependsOn)
                        w.WriteNumberValue(d);
                    w.WriteEndArray();
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }),
            ToolImplementation = item.ToolImplementation,
        },
    };

    private static string WriteJson(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, ToolRL.Json.WriterOptions))
            write(writer);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
