using GeneratorTests.Infrastructure;

namespace GeneratorTests.Fuzz;

/// <summary>
/// Issue 12 §1-2 on the generated dispatcher: no argument JSON makes it throw, and the SDK's own feedback never carries
/// digits or the model's text. Over 10,000 generated argument objects per run, across every parameter type.
/// </summary>
public class DispatcherFuzzTests
{
    private const string Spec = """
        using System;
        using System.Collections.Generic;
        using System.Text.Json;
        using ToolRL;

        namespace Fuzz;

        /// <summary>Units.</summary>
        public enum Unit { Celsius, Fahrenheit }

        /// <summary>A nested record.</summary>
        /// <param name="Name">A name.</param>
        /// <param name="Count">A count.</param>
        /// <param name="Tags">Tags.</param>
        public sealed record Item(string Name, int Count, IReadOnlyList<string>? Tags = null);

        /// <summary>One tool per parameter type.</summary>
        [Scenario("fuzz")]
        public interface IFuzz
        {
            /// <summary>s</summary><param name="v">v</param>
            [Tool] string TakeString(string v);
            /// <summary>b</summary><param name="v">v</param>
            [Tool] string TakeBool(bool v);
            /// <summary>b</summary><param name="v">v</param>
            [Tool] string TakeByte(byte v);
            /// <summary>s</summary><param name="v">v</param>
            [Tool] string TakeShort(short v);
            /// <summary>i</summary><param name="v">v</param>
            [Tool] string TakeInt(int v);
            /// <summary>l</summary><param name="v">v</param>
            [Tool] string TakeLong(long v);
            /// <summary>f</summary><param name="v">v</param>
            [Tool] string TakeFloat(float v);
            /// <summary>d</summary><param name="v">v</param>
            [Tool] string TakeDouble(double v);
            /// <summary>m</summary><param name="v">v</param>
            [Tool] string TakeDecimal(decimal v);
            /// <summary>e</summary><param name="v">v</param>
            [Tool] string TakeEnum(Unit v);
            /// <summary>d</summary><param name="v">v</param>
            [Tool] string TakeDate(DateOnly v);
            /// <summary>t</summary><param name="v">v</param>
            [Tool] string TakeTime(DateTime v);
            /// <summary>a</summary><param name="v">v</param>
            [Tool] string TakeArray(string[] v);
            /// <summary>l</summary><param name="v">v</param>
            [Tool] string TakeList(List<int> v);
            /// <summary>r</summary><param name="v">v</param>
            [Tool] string TakeItem(Item v);
            /// <summary>n</summary><param name="v">v</param><param name="w">w</param>
            [Tool] string TakeOptional(int? v = null, string w = "x");
        }

        public sealed class World : IFuzz
        {
            public string TakeString(string v) => "ok";
            public string TakeBool(bool v) => "ok";
            public string TakeByte(byte v) => "ok";
            public string TakeShort(short v) => "ok";
            public string TakeInt(int v) => "ok";
            public string TakeLong(long v) => "ok";
            public string TakeFloat(float v) => float.IsFinite(v) ? "ok" : "infinite";
            public string TakeDouble(double v) => double.IsFinite(v) ? "ok" : "infinite";
            public string TakeDecimal(decimal v) => "ok";
            public string TakeEnum(Unit v) => "ok";
            public string TakeDate(DateOnly v) => "ok";
            public string TakeTime(DateTime v) => "ok";
            public string TakeArray(string[] v) => "ok";
            public string TakeList(List<int> v) => "ok";
            public string TakeItem(Item v) => "ok";
            public string TakeOptional(int? v = null, string w = "x") => "ok";
        }

        public static class Probe
        {
            // One line per input: outcome and text, PARSE when the JSON itself is invalid (the session answers that),
            // THROW when the dispatcher threw.
            public static string[] Run(string[] tools, string[] inputs)
            {
                var results = new string[inputs.Length];
                var world = new World();
                for (var i = 0; i < inputs.Length; i++)
                {
                    JsonDocument document;
                    try
                    {
                        document = JsonDocument.Parse(inputs[i], Json.DocumentOptions);
                    }
                    catch (Exception e) when (e is JsonException or ArgumentException)
                    {
                        results[i] = "PARSE";
                        continue;
                    }
                    try
                    {
                        var result = FuzzScenario.Instance.Invoke(world, tools[i], document.RootElement, default);
                        results[i] = result.Outcome + "|" + result.Text;
                    }
                    catch (Exception e)
                    {
                        results[i] = "THROW|" + e.GetType().Name + ": " + e.Message;
                    }
                    finally
                    {
                        document.Dispose();
                    }
                }
                return results;
            }
        }
        """;

    private static readonly string[] Tools =
    [
        "take_string", "take_bool", "take_byte", "take_short", "take_int", "take_long", "take_float", "take_double",
        "take_decimal", "take_enum", "take_date", "take_time", "take_array", "take_list", "take_item", "take_optional",
    ];

    // Values a model (or a fuzzer) writes; "Nairobi" stands for a gold answer the feedback must never repeat.
    private static readonly string[] Values =
    [
        "\"Nairobi\"", "\"\\ud800\"", "\"\\udc00x\"", "\"a\\ud800b\"", "\"\\u0000\"", "\"\"", "1e400", "-1e400", "1e-400", "-0", "-0.0", "0",
        "3000000000", "99999999999999999999999999999", "1.5", "255", "256", "-1", "32768", "null", "true", "false", "[]", "{}",
        "[[[[1]]]]", "[\"Nairobi\", 2]", "[1, \"x\"]", "{\"name\":\"Nairobi\",\"count\":1}", "{\"name\":\"n\",\"count\":1,\"count\":2}",
        "{\"name\":\"n\",\"count\":1,\"extra\":3}", "{\"\\ud800\":1}", "\"2025-05-01\"", "\"2025-13-45\"", "\"2025-05-01T14:30:00Z\"",
        "\"Celsius\"", "\"celsius\"", "\"Kelvin\"", "[\"a\",\"b\"]", "[1,2,3]", "{\"name\":\"\\ud800\",\"count\":1}",
    ];

    // An unknown argument *name* is repeated in its feedback, as Python's TypeError repeats it in the reference, so no key
    // stands for a gold answer here: values never appear in feedback.
    private static readonly string[] Keys = ["\"v\"", "\"w\"", "\"extra\"", "\"\\ud800\"", "\"V\"", "\"\\u0000\""];

    private static readonly Lazy<Loaded> Compiled = new(() => Loaded.Compile("Fuzz.Probe", [Spec]));

    private static (string[] Tools, string[] Inputs) Generate()
    {
        var random = new Random(20261202);
        var tools = new List<string>();
        var inputs = new List<string>();
        foreach (var tool in Tools)
        {
            foreach (var value in Values)
            {
                tools.Add(tool); inputs.Add("{\"v\":" + value + "}");
                tools.Add(tool); inputs.Add("{\"v\":" + value + ",\"v\":" + value + "}");
                tools.Add(tool); inputs.Add("[" + value + "]");
            }
            for (var n = 0; n < 600; n++)
            {
                var members = Enumerable.Range(0, random.Next(0, 4))
                    .Select(_ => Keys[random.Next(Keys.Length)] + ":" + Values[random.Next(Values.Length)]);
                var text = "{" + string.Join(",", members) + "}";
                // Truncations at random positions: the parse step catches those, the rest must not throw.
                if (random.NextDouble() < 0.2)
                    text = text.Substring(0, random.Next(text.Length + 1));
                tools.Add(tool);
                inputs.Add(text);
            }
        }
        return (tools.ToArray(), inputs.ToArray());
    }

    [Fact]
    public void No_argument_json_throws_and_no_feedback_carries_digits_or_the_models_text()
    {
        var (tools, inputs) = Generate();
        Assert.True(inputs.Length >= 10_000, $"only {inputs.Length} inputs");
        var results = Compiled.Value.Call<string[]>("Run", tools, inputs);
        var failures = new List<string>();
        for (var i = 0; i < inputs.Length; i++)
        {
            var result = results[i];
            if (result.StartsWith("THROW|", StringComparison.Ordinal))
                failures.Add($"{tools[i]} {inputs[i]} -> {result}");
            else if (result.StartsWith("InvalidArguments|", StringComparison.Ordinal) || result.StartsWith("ToolError|", StringComparison.Ordinal))
            {
                var message = result.Substring(result.IndexOf(": ", StringComparison.Ordinal) + 2);
                if (message.Any(char.IsDigit) || message.Contains("Nairobi", StringComparison.Ordinal))
                    failures.Add($"{tools[i]} {inputs[i]} -> {result}");
            }
            else if (result == "Ok|infinite")
                failures.Add($"{tools[i]} {inputs[i]} ran with a non-finite number");
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {inputs.Length} failed, e.g.:\n" + string.Join("\n", failures.Take(15)));
    }

    [Theory]
    [InlineData("take_double", "{\"v\":1e400}", "InvalidArguments|an error occured when call take_double: argument 'v' must be a finite number that fits in a double")]
    [InlineData("take_float", "{\"v\":1e39}", "InvalidArguments|an error occured when call take_float: argument 'v' must be a finite number that fits in a float")]
    [InlineData("take_string", "{\"v\":\"\\ud800\"}", "ToolError|an error occured when call take_string: argument 'v' holds an unpaired surrogate escape, which is not text")]
    [InlineData("take_enum", "{\"v\":\"\\ud800\"}", "ToolError|an error occured when call take_enum: argument 'v' holds an unpaired surrogate escape, which is not text")]
    [InlineData("take_int", "{\"\\ud800\":1}", "ToolError|an error occured when call take_int: an argument name holds an unpaired surrogate escape, which is not text")]
    [InlineData("take_int", "{\"v\":1,\"v\":2}", "InvalidArguments|an error occured when call take_int: argument 'v' is given more than once")]
    [InlineData("take_item", "{\"v\":{\"name\":\"n\",\"count\":1,\"count\":2}}", "InvalidArguments|an error occured when call take_item: argument 'v.count' is given more than once")]
    [InlineData("take_int", "{\"v\":3000000000}", "InvalidArguments|an error occured when call take_int: argument 'v' must be an integer that fits in an int")]
    [InlineData("take_int", "{\"v\":-0}", "Ok|ok")]
    [InlineData("take_string", "{\"v\":\"\\u0000\"}", "Ok|ok")]
    [InlineData("take_list", "{\"v\":[1,\"x\"]}", "InvalidArguments|an error occured when call take_list: argument 'v[]' must be an integer that fits in an int")]
    public void Edge_cases_get_the_documented_outcome(string tool, string json, string expected)
    {
        Assert.Equal([expected], Compiled.Value.Call<string[]>("Run", new[] { tool }, new[] { json }));
    }
}
