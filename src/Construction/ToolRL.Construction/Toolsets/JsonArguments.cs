using System.Buffers;
using System.Text;
using System.Text.Json;

namespace ToolRL.Construction.Toolsets;

/// <summary>Small rewrites of JSON argument objects used by the toolset transforms.</summary>
internal static class JsonArguments
{
    /// <summary>Copies <paramref name="arguments"/> without the properties <paramref name="drop"/> accepts, adding <paramref name="extra"/> (raw JSON values).</summary>
    public static string Rewrite(JsonElement arguments, Func<string, bool>? drop, IEnumerable<(string Name, string RawJson)>? extra = null,
        Func<string, JsonElement, string?>? replace = null)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer, ToolRL.Json.WriterOptions))
        {
            writer.WriteStartObject();
            if (extra is not null)
            {
                foreach (var (name, raw) in extra)
                {
                    writer.WritePropertyName(name);
                    writer.WriteRawValue(raw);
                }
            }
            foreach (var p in arguments.EnumerateObject())
            {
                if (drop is not null && drop(p.Name))
                    continue;
                writer.WritePropertyName(p.Name);
                var replaced = replace?.Invoke(p.Name, p.Value);
                if (replaced is not null)
                    writer.WriteRawValue(replaced);
                else
                    p.Value.WriteTo(writer);
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Parses a JSON object text (arguments produced by this library or golden calls).</summary>
    public static JsonDocument Parse(string json) => JsonDocument.Parse(json, ToolRL.Json.DocumentOptions);
}
