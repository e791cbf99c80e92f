using System.Text;
using ToolRL.Trajectories;

namespace ToolRL.Construction.Export;

/// <summary>FTRL-schema JSONL: one <see cref="StepRecord"/> per line (see <see cref="StepRecordJson"/>).</summary>
public static class FtrlJsonl
{
    /// <summary>Writes one record as a line.</summary>
    public static void WriteLine(TextWriter writer, StepRecord record)
    {
        writer.Write(StepRecordJson.Write(record));
        writer.Write('\n');
    }

    /// <summary>Writes one record as a line of UTF-8 to <paramref name="writer"/> (reset per line), with pre-rendered tools JSON.</summary>
    internal static void WriteLine(System.Text.Json.Utf8JsonWriter writer, Stream stream, StepRecord record, string toolsJson)
    {
        writer.Reset(stream);
        StepRecordJson.Write(writer, record, toolsJson);
        writer.Flush();
        stream.WriteByte((byte)'\n');
    }

    /// <summary>Reads records lazily; a bad line throws <see cref="FormatException"/> with its line number. Blank lines are skipped.</summary>
    public static IEnumerable<StepRecord> Read(TextReader reader, string origin = "JSONL")
    {
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Length == 0)
                continue;
            StepRecord record;
            try
            {
                record = StepRecordJson.Read(line);
            }
            catch (FormatException e)
            {
                throw new FormatException($"{origin}, line {number}: {e.Message}", e);
            }
            yield return record;
        }
    }

    /// <summary>Reads a JSONL file lazily.</summary>
    public static IEnumerable<StepRecord> ReadFile(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        foreach (var record in Read(reader, path))
            yield return record;
    }
}
