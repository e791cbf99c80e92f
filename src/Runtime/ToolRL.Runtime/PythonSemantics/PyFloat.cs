using System.Globalization;

namespace ToolRL.PythonSemantics;

/// <summary>Python's <c>repr(float)</c>: the shortest digits that round-trip, in Python's layout.</summary>
public static class PyFloat
{
    /// <summary>
    /// <c>repr(x)</c>: fixed notation with at least one decimal (<c>1500.0</c>, <c>0.0001</c>) while the decimal
    /// exponent is in [-4, 16); otherwise <c>d.ddde±XX</c> (<c>1e-05</c>, <c>1e+16</c>); <c>nan</c>, <c>inf</c>, <c>-inf</c>.
    /// </summary>
    public static string Repr(double value)
    {
        if (double.IsNaN(value))
            return "nan";
        if (double.IsInfinity(value))
            return value > 0 ? "inf" : "-inf";
        // .NET's "R" gives the same shortest round-trip digits as Python's repr; only the layout differs.
        var (negative, digits, point) = Decompose(value);
        var sign = negative ? "-" : "";
        if (point > -4 && point <= 16)
        {
            if (point <= 0)
                return sign + "0." + new string('0', -point) + digits;
            if (point >= digits.Length)
                return sign + digits + new string('0', point - digits.Length) + ".0";
            return sign + digits[..point] + "." + digits[point..];
        }
        var exponent = point - 1;
        var mantissa = digits.Length == 1 ? digits : digits[..1] + "." + digits[1..];
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture);
    }

    /// <summary><c>str(x)</c>, which equals <c>repr(x)</c> for floats in Python 3.</summary>
    public static string Str(double value) => Repr(value);

    /// <summary>
    /// Splits a finite double into its sign, shortest significant digits (no leading or trailing zeros, "0"
    /// for zero) and the decimal point's position: value = 0.DIGITS × 10^point.
    /// </summary>
    private static (bool Negative, string Digits, int Point) Decompose(double value)
    {
        var negative = double.IsNegative(value);
        if (value == 0)
            return (negative, "0", 1);
        var r = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        var e = r.IndexOfAny(['E', 'e']);
        var exponent = 0;
        var mantissa = r;
        if (e >= 0)
        {
            exponent = int.Parse(r.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            mantissa = r[..e];
        }
        var dot = mantissa.IndexOf('.');
        var intPart = dot < 0 ? mantissa : mantissa[..dot];
        var fracPart = dot < 0 ? "" : mantissa[(dot + 1)..];
        var all = intPart + fracPart;
        var point = intPart.Length + exponent;
        var lead = 0;
        while (lead < all.Length - 1 && all[lead] == '0')
            lead++;
        all = all[lead..];
        point -= lead;
        all = all.TrimEnd('0');
        return (negative, all.Length == 0 ? "0" : all, point);
    }
}
