using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ToolRL.Trainer.Runs;

/// <summary>
/// One metrics record: a step, a phase (<c>train</c>, <c>eval</c>, …) and named values (reward, solve_f1, kl,
/// entropy, tokens_per_s, …). One JSON object per line in <c>metrics.jsonl</c>; non-finite values are written as null.
/// </summary>
public sealed record StepMetrics(int Step, string Phase, IReadOnlyDictionary<string, double> Values)
{
    /// <summary>The compact one-line JSON form.</summary>
    public string ToJsonLine()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("step", Step);
            writer.WriteString("phase", Phase);
            foreach (var (name, value) in Values)
            {
                if (name is "step" or "phase")
                    throw new ArgumentException($"Metric name '{name}' is reserved.");
                if (double.IsFinite(value))
                    writer.WriteNumber(name, value);
                else
                    writer.WriteNull(name);
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Parses one line written by <see cref="ToJsonLine"/>; nulls read back as NaN.</summary>
    public static StepMetrics Parse(string line)
    {
        using var doc = JsonDocument.Parse(line);
        var root = doc.RootElement;
        var step = root.GetProperty("step").GetInt32();
        var phase = root.TryGetProperty("phase", out var p) ? p.GetString() ?? "" : "";
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
        {
            if (property.Name is "step" or "phase")
                continue;
            values[property.Name] = property.Value.ValueKind == JsonValueKind.Number ? property.Value.GetDouble() : double.NaN;
        }
        return new StepMetrics(step, phase, values);
    }

    /// <summary>A value or NaN when absent.</summary>
    public double this[string name] => Values.TryGetValue(name, out var v) ? v : double.NaN;

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Phase} step {Step}: " + string.Join(", ", Values.Select(kv => $"{kv.Key}={kv.Value.ToString("G4", CultureInfo.InvariantCulture)}"));
}
