using System.Text;
using ToolRL.PythonSemantics;

namespace ToolRL.Server.Hosting;

/// <summary>
/// Reads a request body as JSON with <see cref="PyJson"/> (which, unlike System.Text.Json, keeps escaped lone
/// surrogates that model text can hold), and reads fields with errors that name them.
/// </summary>
internal static class RequestJson
{
    /// <summary>The body as a JSON object; an empty body is an empty object. 400 for anything else.</summary>
    public static async Task<PyValue> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        // Kestrel's MaxRequestBodySize bounds what this reads (413 beyond it, see ErrorHandling).
        using var reader = new StreamReader(request.Body, new UTF8Encoding(false, throwOnInvalidBytes: true));
        string text;
        try
        {
            text = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DecoderFallbackException)
        {
            throw ApiException.BadRequest("the request body is not valid UTF-8");
        }
        if (string.IsNullOrWhiteSpace(text))
            return PyValue.Dict([]);
        if (!PyJson.TryLoads(text, out var value))
            throw ApiException.BadRequest("the request body is not valid JSON");
        if (value.Kind != PyValueKind.Dict)
            throw ApiException.BadRequest($"the request body must be a JSON object, not {Describe(value)}");
        return value;
    }

    public static string RequiredString(PyValue obj, string field, string where = "the request body")
    {
        var value = obj.Get(field) ?? throw ApiException.BadRequest($"{where} needs a \"{field}\" string");
        return value.Kind == PyValueKind.Str ? value.Text : throw ApiException.BadRequest($"\"{field}\" in {where} must be a string, not {Describe(value)}");
    }

    public static string? OptionalString(PyValue obj, string field, string where = "the request body")
    {
        var value = obj.Get(field);
        if (value is null || value.Kind == PyValueKind.None)
            return null;
        return value.Kind == PyValueKind.Str ? value.Text : throw ApiException.BadRequest($"\"{field}\" in {where} must be a string, not {Describe(value)}");
    }

    public static double? OptionalNumber(PyValue obj, string field, string where = "the request body")
    {
        var value = obj.Get(field);
        if (value is null || value.Kind == PyValueKind.None)
            return null;
        var number = value.Kind switch
        {
            PyValueKind.Int => double.TryParse(value.Text, System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : double.NaN,
            PyValueKind.Float => value.Float,
            _ => throw ApiException.BadRequest($"\"{field}\" in {where} must be a number, not {Describe(value)}"),
        };
        return double.IsFinite(number) ? number : throw ApiException.BadRequest($"\"{field}\" in {where} must be a finite number");
    }

    public static int? OptionalInt(PyValue obj, string field, string where = "the request body")
    {
        var value = obj.Get(field);
        if (value is null || value.Kind == PyValueKind.None)
            return null;
        return value.Kind == PyValueKind.Int && int.TryParse(value.Text, out var i)
            ? i
            : throw ApiException.BadRequest($"\"{field}\" in {where} must be an integer, not {Describe(value)}");
    }

    public static string Describe(PyValue value) => value.Kind switch
    {
        PyValueKind.Dict => "an object",
        PyValueKind.List => "an array",
        PyValueKind.Str => "a string",
        PyValueKind.Int or PyValueKind.Float => "a number",
        PyValueKind.Bool => "a boolean",
        _ => "null",
    };
}
