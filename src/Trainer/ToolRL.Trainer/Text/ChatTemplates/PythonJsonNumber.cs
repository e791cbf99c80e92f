using System.Globalization;
using System.Text;

namespace ToolRL.Trainer.Text.ChatTemplates;

/// <summary>
/// A JSON number as Python's <c>json.dumps(json.loads(text))</c> writes it — what HF's <c>tojson</c> prints for
/// arguments and schemas that were parsed from JSON. A literal without fraction or exponent is a Python int
/// (any size, written as is; <c>-0</c> is <c>0</c>); any other is a float, written as <c>repr(float)</c>.
/// </summary>
public static class PythonJsonNumber
{
    /// <summary>Formats a valid JSON number literal (as <see cref="System.Text.Json.JsonElement.GetRawText"/> gives it).</summary>
    public static string Format(string literal)
    {
        ArgumentNullException.ThrowIfNull(literal);
        if (literal.AsSpan().IndexOfAny('.', 'e', 'E') < 0)
            return literal == "-0" ? "0" : literal; // JSON forbids leading zeros, so "-0" is the only int to rewrite
        // double.Parse is correctly rounded (IEEE round-to-nearest), as Python's float(); overflow gives ±∞.
        return Repr(double.Parse(literal, NumberStyles.Float, CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Python's <c>repr(x)</c> for a float as <c>json.dumps</c> writes it: the shortest digits that round-trip
    /// (.NET's "R" gives the same digits), positional when the decimal exponent is in [-4, 16) with <c>.0</c> for
    /// integral values, otherwise <c>d.ddde±XX</c>; ±∞ is <c>Infinity</c>/<c>-Infinity</c>, NaN <c>NaN</c>.
    /// </summary>
    public static string Repr(double x)
    {
        if (double.IsNaN(x)) return "NaN";
        if (double.IsInfinity(x)) return x > 0 ? "Infinity" : "-Infinity";
        string sign = double.IsNegative(x) ? "-" : "";
        if (x == 0) return sign + "0.0";

        var (digits, point) = ShortestDigits(Math.Abs(x));
        var sb = new StringBuilder(sign, 32);
        if (point <= -4 || point > 16)
        {
            // Scientific: one digit before the point, no ".0" when there is a single digit, exponent at least two digits.
            sb.Append(digits[0]);
            if (digits.Length > 1) sb.Append('.').Append(digits, 1, digits.Length - 1);
            int exponent = point - 1;
            sb.Append(exponent < 0 ? "e-" : "e+").Append(Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture));
        }
        else if (point <= 0)
        {
            sb.Append("0.").Append('0', -point).Append(digits);
        }
        else if (point >= digits.Length)
        {
            sb.Append(digits).Append('0', point - digits.Length).Append(".0");
        }
        else
        {
            sb.Append(digits, 0, point).Append('.').Append(digits, point, digits.Length - point);
        }
        return sb.ToString();
    }

    // The shortest round-trip significant digits (no leading or trailing zeros) and the position of the decimal
    // point relative to them: value = 0.DIGITS × 10^point. Read off .NET's "R" text, whatever its layout.
    private static (string Digits, int Point) ShortestDigits(double positive)
    {
        string r = positive.ToString("R", CultureInfo.InvariantCulture);
        int e = r.IndexOfAny(['E', 'e']);
        int exponent = e < 0 ? 0 : int.Parse(r.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        string mantissa = e < 0 ? r : r[..e];
        int dot = mantissa.IndexOf('.');
        string all = dot < 0 ? mantissa : mantissa.Remove(dot, 1);
        int point = (dot < 0 ? mantissa.Length : dot) + exponent;
        int lead = 0;
        while (lead < all.Length - 1 && all[lead] == '0') lead++;
        string digits = all[lead..].TrimEnd('0');
        return (digits.Length == 0 ? "0" : digits, point - lead);
    }
}
