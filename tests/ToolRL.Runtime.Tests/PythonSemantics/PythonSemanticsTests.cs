using ToolRL.PythonSemantics;

namespace ToolRL.Runtime.Tests.PythonSemantics;

/// <summary>
/// The Python semantics the reference reward depends on. Every expected value was printed by CPython 3.11.7
/// (unicodedata 14.0.0): <c>repr(float)</c>, <c>json.dumps(json.loads(s), ensure_ascii=False)</c>, <c>str.lower</c>,
/// <c>str.strip</c>; fixtures/README.md says how.
/// </summary>
public sealed class PythonSemanticsTests
{
    [Theory]
        [InlineData(0, "0.0")]
        [InlineData(-9223372036854775808, "-0.0")]
        [InlineData(4607182418800017408, "1.0")]
        [InlineData(-4616189618054758400, "-1.0")]
        [InlineData(4591870180066957722, "0.1")]
        [InlineData(4602678819172646912, "0.5")]
        [InlineData(4626294569718670950, "19.9")]
        [InlineData(4654311885213007872, "1500.0")]
        [InlineData(4641240890982006784, "200.0")]
        [InlineData(4502148214488346440, "1e-07")]
        [InlineData(4532020583610935537, "1e-05")]
        [InlineData(4547007122018943789, "0.0001")]
        [InlineData(4548684680454221981, "0.0001234")]
        [InlineData(4831355200913801216, "1000000000000000.0")]
        [InlineData(4846369599423283200, "1e+16")]
        [InlineData(4848869599423283200, "1.5e+16")]
        [InlineData(4862596447618666293, "1.2345678901234568e+17")]
        [InlineData(4936209963552724370, "1e+22")]
        [InlineData(9097811302482466869, "1.5e+300")]
        [InlineData(-9098738375036817361, "-2.5e-300")]
        [InlineData(1, "5e-324")]
        [InlineData(9218868437227405311, "1.7976931348623157e+308")]
        [InlineData(4599075939470750516, "0.30000000000000004")]
        [InlineData(4636737291354636288, "100.0")]
        [InlineData(4698053236609777664, "1234567.0")]
        [InlineData(4845873199050653696, "9007199254740992.0")]
        [InlineData(4614256656552045848, "3.141592653589793")]
        [InlineData(4599676419421066581, "0.3333333333333333")]
        [InlineData(4604180019048437077, "0.6666666666666666")]
        [InlineData(20240225330731, "1e-310")]
        [InlineData(4679240012837945344, "65536.0")]
        [InlineData(4562254508917369340, "0.001")]
        [InlineData(4892433759222981601, "1.2345678901234567e+19")]
        [InlineData(-961714352381578184, "-1.989032661366619e+244")]
        [InlineData(7283207964119141687, "7.761117632285041e+178")]
        [InlineData(890727360438182992, "3.980498358697587e-249")]
        [InlineData(-3296907451188957389, "-1.5432835417340557e+88")]
        [InlineData(1736392818365009963, "1.3647584518757569e-192")]
        [InlineData(-7696202761429464584, "-1.3701135617873088e-206")]
        [InlineData(-1665666021688015755, "-1.7160537630466207e+197")]
        [InlineData(3960482443532127989, "6.294675241195386e-44")]
        [InlineData(1585446675937841368, "1.0613447212142254e-202")]
        [InlineData(7713914763314685786, "4.708325160387546e+207")]
        [InlineData(4439448776366754703, "6.387016158513563e-12")]
        [InlineData(-8281716408325703719, "-9.973130378568733e-246")]
        [InlineData(1090396360377453094, "8.779753225680271e-236")]
        [InlineData(-8015964440435583825, "-5.795503248498993e-228")]
        [InlineData(-969381827641770973, "-5.988180159386011e+243")]
        [InlineData(-6813749182153215911, "-1.306052388527796e-147")]
        [InlineData(-7692349435906394443, "-2.436117699484841e-206")]
        [InlineData(1141153371300629929, "2.233386999150174e-232")]
        [InlineData(-7645411267552934705, "-3.51527970626667e-203")]
        [InlineData(914761360679426580, "1.5987381841032883e-247")]
        [InlineData(4078239883182463692, "4.6678633181812096e-36")]
        [InlineData(-8178089155584272464, "-8.441872792105456e-239")]
        [InlineData(2456641775679608523, "1.9015657400796622e-144")]
        [InlineData(7731750658069747094, "7.370437700706684e+208")]
        [InlineData(-8472849883061164380, "-1.7163996725272777e-258")]
        [InlineData(-7915245291431288384, "-3.2367190832119987e-221")]
        [InlineData(-8111821476984214984, "-2.2818334634712625e-234")]
        [InlineData(-5866014841303619537, "-3.0536383926309363e-84")]
        [InlineData(1901042282212365707, "1.3449551894627777e-181")]
        [InlineData(-7909882898216140911, "-7.317495976062606e-221")]
    public void Float_repr_is_pythons(long bits, string expected)
    {
        var value = BitConverter.Int64BitsToDouble(bits);
        Assert.Equal(expected, PyFloat.Repr(value));
        Assert.Equal(value, double.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("{\"a\": 1, \"b\": [true, false, null], \"a\": 2}", "{\"a\": 2, \"b\": [true, false, null]}")]
    [InlineData("[1.0, 1, -0, -0.0, 1E2, 1e-7, 19.90, 123456789012345678901234567890]", "[1.0, 1, 0, -0.0, 100.0, 1e-07, 19.9, 123456789012345678901234567890]")]
    [InlineData("\"\\u00e9\\n\\t\\\\\\\"\\/\"", "\"é\\n\\t\\\\\\\"/\"")]
    [InlineData("[NaN, Infinity, -Infinity]", "[NaN, Infinity, -Infinity]")]
    [InlineData(" {\"x\" : {\"y\": {}} , \"z\":[ ]} ", "{\"x\": {\"y\": {}}, \"z\": []}")]
    [InlineData("\"\u007f \u2028\"", "\"\u007f \u2028\"")]
    [InlineData("{\"10\": 1, \"2\": 2, \"a\": 3}", "{\"10\": 1, \"2\": 2, \"a\": 3}")]
    // Duplicates found by a scan in a small object and through the key index of a larger one (8 keys and up).
    [InlineData("{\"k0\":0,\"k1\":1,\"k2\":2,\"k0\":\"w\",\"k3\":3,\"k4\":4,\"k5\":5,\"k6\":6,\"k7\":7,\"k8\":8,\"k1\":\"x\",\"k9\":9,\"k8\":\"y\"}",
        "{\"k0\": \"w\", \"k1\": \"x\", \"k2\": 2, \"k3\": 3, \"k4\": 4, \"k5\": 5, \"k6\": 6, \"k7\": 7, \"k8\": \"y\", \"k9\": 9}")]
    public void Loads_then_dumps_is_pythons(string json, string expected)
    {
        Assert.True(PyJson.TryLoads(json, out var value));
        Assert.Equal(expected, PyJson.Dumps(value));
    }

    [Theory]
    [InlineData("[1,]")]
    [InlineData("{\"a\":1,}")]
    [InlineData("\"a")]
    [InlineData("01")]
    [InlineData("1.")]
    [InlineData(".5")]
    [InlineData("+1")]
    [InlineData("[1 2]")]
    [InlineData("{\"a\" 1}")]
    [InlineData("\"\\x\"")]
    [InlineData("\"\\u12\"")]
    [InlineData("nul")]
    [InlineData("-")]
    [InlineData("--1")]
    [InlineData("1e")]
    [InlineData("{1: 2}")]
    [InlineData("[]]")]
    [InlineData("true false")]
    [InlineData("\"a\tb\"")]
    [InlineData("\ufeff{}")]
    public void Text_that_python_rejects_is_rejected(string json) => Assert.False(PyJson.TryLoads(json, out _));

    [Fact]
    public void Integers_keep_every_digit_up_to_pythons_limit()
    {
        Assert.True(PyJson.TryLoads(new string('7', 4300), out var big));
        Assert.Equal(new string('7', 4300), PyJson.Dumps(big));
        Assert.True(PyJson.TryLoads("-" + new string('7', 4300), out _));
        Assert.False(PyJson.TryLoads(new string('7', 4301), out _)); // ValueError: Exceeds the limit (4300 digits)
        Assert.True(PyJson.TryLoads("1." + new string('1', 5000), out _)); // floats have no such limit
    }

    [Fact]
    public void Nesting_is_bounded_without_overflowing_the_stack()
    {
        var ok = new string('[', PyJson.MaxDepth) + new string(']', PyJson.MaxDepth);
        Assert.True(PyJson.TryLoads(ok, out _));
        Assert.False(PyJson.TryLoads("[" + ok + "]", out _));
        Assert.False(PyJson.TryLoads(new string('[', 100_000), out _));
    }

    [Fact]
    public void Truthiness_is_pythons()
    {
        string[] truthy = ["\"a\"", "1", "-1", "0.5", "NaN", "true", "[0]", "{\"a\": null}"];
        string[] falsy = ["\"\"", "0", "-0", "0.0", "-0.0", "false", "null", "[]", "{}"];
        foreach (var t in truthy)
            Assert.True(PyJson.TryLoads(t, out var v) && v.IsTruthy, t);
        foreach (var f in falsy)
            Assert.False(PyJson.TryLoads(f, out var v) && v.IsTruthy, f);
    }

    [Fact]
    public void Lower_matches_python_on_every_code_point()
    {
        var expected = new Dictionary<int, string>();
        foreach (var line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "PythonSemantics", "fixtures", "python-lower.txt")))
        {
            var (cp, mapped) = (line[..line.IndexOf(':')], line[(line.IndexOf(':') + 1)..]);
            expected[Convert.ToInt32(cp, 16)] = string.Concat(mapped.Split(' ').Select(h => char.ConvertFromUtf32(Convert.ToInt32(h, 16))));
        }
        Assert.Equal(1433, expected.Count);
        var wrong = new List<string>();
        for (var c = 0; c < 0x110000; c++)
        {
            if (c is >= 0xD800 and <= 0xDFFF)
                continue;
            var s = char.ConvertFromUtf32(c);
            var want = expected.TryGetValue(c, out var m) ? m : s;
            if (PyText.Lower(s) != want)
                wrong.Add($"U+{c:X4}");
        }
        Assert.True(wrong.Count == 0, "differs from Python at " + string.Join(", ", wrong.Take(40)));
    }

    [Theory]
    [InlineData("PARİS", "pari\u0307s")]
    [InlineData("ΟΔΟΣ", "οδος")]
    [InlineData("ΟΔΟΣ ΣΑ", "οδος σα")]
    [InlineData("Σ", "σ")]
    [InlineData("ΑΣ.", "ας.")]
    [InlineData("ΑΣ'Β", "ασ'β")]
    [InlineData("a\ud800B", "a\ud800b")]
    public void Lower_applies_pythons_context_rules(string text, string expected) => Assert.Equal(expected, PyText.Lower(text));

    [Fact]
    public void Strip_uses_pythons_whitespace_set()
    {
        // [hex(c) for c in range(0x110000) if chr(c).isspace()]
        int[] spaces = [0x9, 0xa, 0xb, 0xc, 0xd, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005,
            0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000];
        for (var c = 0; c <= 0xFFFF; c++)
            Assert.True(PyText.IsSpace((char)c) == spaces.Contains(c), $"U+{c:X4}");
        Assert.Equal("a b", PyText.Strip("\u001c\u3000a b\u200a\u0085"));
        Assert.Equal("\u200ba", PyText.Strip("\u200ba ")); // ZERO WIDTH SPACE is not whitespace to Python
    }
}
