using System.Globalization;
using System.Text.Json;
using ToolRL.Tools;

namespace ToolRL.Serialization;

/// <summary>
/// Reads one tool argument of a scalar type from model-written JSON, for the generated dispatchers (which add
/// per-type code for enums, lists and objects on top). Every reader returns false with a feedback
/// <see cref="ToolResult"/> instead of throwing, whatever the JSON holds. The feedback names the argument by its
/// schema path and the expected type in words: it never repeats the model's text and carries no digits, so an
/// error can never contain a gold answer the call did not.
/// </summary>
/// <remarks>
/// Numbers: out-of-range values and non-finite results (<c>1e400</c> read as a double is infinity) are invalid
/// arguments; <c>-0</c> reads as zero. Strings: an escaped lone surrogate (<c>"\ud800"</c>) cannot become .NET text;
/// it is reported as a <see cref="ToolOutcome.ToolError"/> (see <see cref="ToolFeedback.InvalidText"/>).
/// </remarks>
public static class JsonArgumentReader
{
    /// <summary>Reads a JSON string.</summary>
    public static bool TryReadString(JsonElement element, string tool, string path, out string value, out ToolResult error) =>
        TryReadText(element, tool, path, "a string", out value, out error);

    /// <summary>
    /// Reads a JSON string as text; <paramref name="expected"/> words the type for the feedback when the value is
    /// not a string (enum and date readers use it before parsing the text).
    /// </summary>
    public static bool TryReadText(JsonElement element, string tool, string path, string expected, out string value, out ToolResult error)
    {
        if (element.ValueKind != JsonValueKind.String)
            return Fail(ToolFeedback.InvalidArgument(tool, path, expected), out value, out error);
        if (!TryGetString(element, out var text))
            return Fail(ToolFeedback.InvalidText(tool, path), out value, out error);
        value = text;
        error = default;
        return true;
    }

    /// <summary>Reads <c>true</c> or <c>false</c>.</summary>
    public static bool TryReadBoolean(JsonElement element, string tool, string path, out bool value, out ToolResult error)
    {
        if (element.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            value = element.ValueKind == JsonValueKind.True;
            error = default;
            return true;
        }
        return Fail(ToolFeedback.InvalidArgument(tool, path, "true or false"), out value, out error);
    }

    /// <summary>Reads an integer that fits in a <see cref="byte"/>.</summary>
    public static bool TryReadByte(JsonElement element, string tool, string path, out byte value, out ToolResult error) =>
        element.ValueKind == JsonValueKind.Number && element.TryGetByte(out value)
            ? Ok(out error)
            : Fail(ToolFeedback.InvalidArgument(tool, path, "an integer that fits in a byte"), out value, out error);

    /// <summary>Reads an integer that fits in a <see cref="short"/>.</summary>
    public static bool TryReadInt16(JsonElement element, string tool, string path, out short value, out ToolResult error) =>
        element.ValueKind == JsonValueKind.Number && element.TryGetInt16(out value)
            ? Ok(out error)
            : Fail(ToolFeedback.InvalidArgument(tool, path, "an integer that fits in a short"), out value, out error);

    /// <summary>Reads an integer that fits in an <see cref="int"/>.</summary>
    public static bool TryReadInt32(JsonElement element, string tool, string path, out int value, out ToolResult error) =>
        element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out value)
            ? Ok(out error)
            : Fail(ToolFeedback.InvalidArgument(tool, path, "an integer that fits in an int"), out value, out error);

    /// <summary>Reads an integer that fits in a <see cref="long"/>.</summary>
    public static bool TryReadInt64(JsonElement element, string tool, string path, out long value, out ToolResult error) =>
        element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out value)
            ? Ok(out error)
            : Fail(ToolFeedback.InvalidArgument(tool, path, "an integer that fits in a long"), out value, out error);

    /// <summary>Reads a finite number as a <see cref="float"/> (one that overflows to infinity is rejected).</summary>
    public static bool TryReadSingle(JsonElement element, string tool, string path, out float value, out ToolResult error) =>
        element.ValueKind == JsonValueKind.Number && element.TryGetSingle(out value) && float.IsFinite(value)
            ? Ok(out error)
            : Fail(ToolFeedback.InvalidArgument(tool, path, "a finite number that fits in a float"), out value, out error);

    /// <summary>Reads a finite number as a <see cref="double"/> (one that overflows to infinity is rejected).</summary>
    public static bool TryReadDouble(JsonElement element, string tool, string path, out double value, out ToolResult error) =>
        element.ValueKind == JsonValueKind.Number && element.TryGetDouble(out value) && double.IsFinite(value)
            ? Ok(out error)
            : Fail(ToolFeedback.InvalidArgument(tool, path, "a finite number that fits in a double"), out value, out error);

    /// <summary>Reads a number that fits in a <see cref="decimal"/>.</summary>
    public static bool TryReadDecimal(JsonElement element, string tool, string path, out decimal value, out ToolResult error) =>
        element.ValueKind == JsonValueKind.Number && element.TryGetDecimal(out value)
            ? Ok(out error)
            : Fail(ToolFeedback.InvalidArgument(tool, path, "a number that fits in a decimal"), out value, out error);

    /// <summary>Reads a date written <c>yyyy-MM-dd</c>.</summary>
    public static bool TryReadDateOnly(JsonElement element, string tool, string path, out DateOnly value, out ToolResult error)
    {
        const string expected = "a date written yyyy-MM-dd";
        if (!TryReadText(element, tool, path, expected, out var text, out error))
            return Fail(error, out value, out error);
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out value)
            ? Ok(out error)
            : Fail(ToolFeedback.InvalidArgument(tool, path, expected), out value, out error);
    }

    /// <summary>Reads an ISO 8601 date-time (an offset or <c>Z</c> is kept as the value's kind).</summary>
    public static bool TryReadDateTime(JsonElement element, string tool, string path, out DateTime value, out ToolResult error)
    {
        const string expected = "an ISO date-time written yyyy-MM-ddTHH:mm:ss";
        if (!TryReadText(element, tool, path, expected, out var text, out error))
            return Fail(error, out value, out error);
        return DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out value)
            ? Ok(out error)
            : Fail(ToolFeedback.InvalidArgument(tool, path, expected), out value, out error);
    }

    /// <summary>
    /// The name of an arguments-object property, or false when it holds an escaped lone surrogate (which .NET
    /// text cannot hold); <see cref="JsonProperty.Name"/> would throw there.
    /// </summary>
    public static bool TryGetName(JsonProperty property, out string name)
    {
        if (RecentArgumentNames.TryFind(property, out name))
            return true;
        try
        {
            name = property.Name;
            RecentArgumentNames.Remember(name);
            return true;
        }
        catch (InvalidOperationException)
        {
            name = string.Empty;
            return false;
        }
    }

    /// <summary>The text of a JSON string, or false when it holds an escaped lone surrogate.</summary>
    public static bool TryGetString(JsonElement element, out string text)
    {
        try
        {
            text = element.GetString() ?? string.Empty;
            return true;
        }
        catch (InvalidOperationException)
        {
            text = string.Empty;
            return false;
        }
    }

    /// <summary>The path of an item of the sequence at <paramref name="path"/>: <c>path[]</c> (no index: no digits).</summary>
    public static string ItemPath(string path) => path + "[]";

    private static bool Ok(out ToolResult error)
    {
        error = default;
        return true;
    }

    private static bool Fail<T>(ToolResult result, out T value, out ToolResult error)
    {
        value = default!;
        error = result;
        return false;
    }
}
