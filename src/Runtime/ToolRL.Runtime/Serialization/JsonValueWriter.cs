using System.Globalization;
using System.Text.Json;

namespace ToolRL.Serialization;

/// <summary>
/// Writes scalar values as the generated code renders them (tool output, recorded golden arguments, task answers):
/// compact JSON through <see cref="Json.WriterOptions"/>. Never throws for a value: a non-finite float or double,
/// which JSON cannot hold, is written as a string (<c>"NaN"</c>, <c>"Infinity"</c>).
/// </summary>
public static class JsonValueWriter
{
    /// <summary>Writes a string, or <c>null</c>.</summary>
    public static void WriteString(Utf8JsonWriter writer, string? value)
    {
        if (value is null)
            writer.WriteNullValue();
        else
            writer.WriteStringValue(value);
    }

    /// <summary>Writes <c>true</c> or <c>false</c>.</summary>
    public static void WriteBoolean(Utf8JsonWriter writer, bool value) => writer.WriteBooleanValue(value);

    /// <summary>Writes a number.</summary>
    public static void WriteByte(Utf8JsonWriter writer, byte value) => writer.WriteNumberValue(value);

    /// <summary>Writes a number.</summary>
    public static void WriteInt16(Utf8JsonWriter writer, short value) => writer.WriteNumberValue(value);

    /// <summary>Writes a number.</summary>
    public static void WriteInt32(Utf8JsonWriter writer, int value) => writer.WriteNumberValue(value);

    /// <summary>Writes a number.</summary>
    public static void WriteInt64(Utf8JsonWriter writer, long value) => writer.WriteNumberValue(value);

    /// <summary>Writes a number.</summary>
    public static void WriteDecimal(Utf8JsonWriter writer, decimal value) => writer.WriteNumberValue(value);

    /// <summary>Writes a finite number as a number, NaN and infinities as their invariant text in a string.</summary>
    public static void WriteSingle(Utf8JsonWriter writer, float value)
    {
        if (float.IsFinite(value))
            writer.WriteNumberValue(value);
        else
            writer.WriteStringValue(value.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Writes a finite number as a number, NaN and infinities as their invariant text in a string.</summary>
    public static void WriteDouble(Utf8JsonWriter writer, double value)
    {
        if (double.IsFinite(value))
            writer.WriteNumberValue(value);
        else
            writer.WriteStringValue(value.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Writes a date as a <c>yyyy-MM-dd</c> string.</summary>
    public static void WriteDateOnly(Utf8JsonWriter writer, DateOnly value) =>
        writer.WriteStringValue(DateOnlyText(value));

    /// <summary>Writes a date-time as an ISO 8601 string (System.Text.Json's round-trip form).</summary>
    public static void WriteDateTime(Utf8JsonWriter writer, DateTime value) => writer.WriteStringValue(value);

    /// <summary>A date as plain text, <c>yyyy-MM-dd</c>.</summary>
    public static string DateOnlyText(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A date-time as plain text: the ISO 8601 form that <see cref="WriteDateTime"/> writes, unquoted.</summary>
    public static string DateTimeText(DateTime value) => Json.Write(value, WriteDateTime).Trim('"');
}
