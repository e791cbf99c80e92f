using System.Text.Encodings.Web;
using System.Text.Json;

namespace ToolRL;

/// <summary>Small JSON helpers shared by the runtime and generated code. No reflection.</summary>
public static class Json
{
    /// <summary>Writer options used for every rendered value: compact, non-ASCII kept as is (models read it).</summary>
    public static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    /// <summary>Reader options for model-written JSON: comments and trailing commas are errors, depth bounded.</summary>
    public static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    /// <summary>A JSON value's kind as error messages name it: "an array", "a string", "a number", "a boolean", "null", "an object".</summary>
    public static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        JsonValueKind.Object => "an object",
        _ => "nothing",
    };

    /// <summary>Quotes and escapes <paramref name="value"/> as a JSON string literal.</summary>
    public static string Quote(string value)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(value.Length + 16);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStringValue(value);
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// Writes a value with a caller-supplied writer delegate and returns the JSON text. Generated renderers use it.
    /// </summary>
    public static string Write<T>(T value, Action<Utf8JsonWriter, T> write)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer, value);
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
