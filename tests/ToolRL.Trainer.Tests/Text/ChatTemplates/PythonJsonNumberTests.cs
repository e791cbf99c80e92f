using ToolRL.Trainer.Text.ChatTemplates;

namespace ToolRL.Trainer.Tests.Text.ChatTemplates;

using Xunit; // before ToolRL.FactAttribute of the Runtime, which the enclosing namespace would otherwise find

/// <summary>
/// Number rendering against Python itself: fixtures/python-json-numbers.tsv holds literals and what CPython's
/// <c>json.dumps(json.loads(literal))</c> printed for them (written by fixtures/gen-python-json-numbers.py).
/// </summary>
public sealed class PythonJsonNumberTests
{
    [Fact]
    public void Every_literal_prints_as_python_prints_it()
    {
        var lines = File.ReadAllLines(TextFixtures.Require(Path.Combine(TextFixtures.SourceDirectory, "python-json-numbers.tsv")));
        Assert.True(lines.Length > 700, $"only {lines.Length} number cases");
        var failures = new List<string>();
        foreach (var line in lines)
        {
            var parts = line.Split('\t');
            string actual = TemplateJson.Render(parts[0]);
            if (actual != parts[1]) failures.Add($"{parts[0]}: python {parts[1]}, ours {actual}");
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {lines.Length} numbers differ from Python:\n{string.Join("\n", failures.Take(40))}");
    }

    [Theory]
    // The spellings named in issue 11, with CPython's output (python3 -c 'import json; print(json.dumps(json.loads(X)))').
    [InlineData("19.90", "19.9")]
    [InlineData("0.50", "0.5")]
    [InlineData("-0", "0")]
    [InlineData("-0.0", "-0.0")]
    [InlineData("1e-7", "1e-07")]
    [InlineData("1.5e3", "1500.0")]
    [InlineData("2E2", "200.0")]
    [InlineData("1.0", "1.0")]
    [InlineData("123456789012345678901234567890", "123456789012345678901234567890")]
    [InlineData("1e16", "1e+16")]
    [InlineData("1e400", "Infinity")]
    public void Named_cases(string literal, string python) => Assert.Equal(python, TemplateJson.Render(literal));
}
