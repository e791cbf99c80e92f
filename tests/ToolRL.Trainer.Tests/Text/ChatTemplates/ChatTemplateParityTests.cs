using System.Text;
using System.Text.Json;
using ToolRL.Trainer.Text.ChatTemplates;

namespace ToolRL.Trainer.Tests.Text.ChatTemplates;

using Xunit; // before ToolRL.FactAttribute of the Runtime, which the enclosing namespace would otherwise find

/// <summary>
/// Our C# templates against the checkpoints' Jinja templates rendered by Python jinja2 set up as HF transformers
/// sets it up (fixtures/render-chat-templates.py), on the same conversations (fixtures/chat-conversations.json).
/// The npm @huggingface/jinja renders are kept only as a cross-check of that engine, not as an oracle.
/// </summary>
public sealed class ChatTemplateParityTests
{
    private const string PythonRenders = "chat-renders-python.json";
    private const string JsRenders = "chat-renders-jinja-js.json";

    /// <summary>
    /// Where @huggingface/jinja 0.5.11 renders differently from Python jinja2 (and so from HF transformers): the
    /// conversation, the templates it differs in, and why. The cross-check fails when the set changes either way.
    /// </summary>
    private static readonly (string Name, string[] Templates, string Why)[] JsDivergences =
    [
        ("python-float-repr-in-arguments", ["qwen3", "qwen2.5"], "JS prints floats as JS numbers: -0.0 → 0, 1e-7 → 1e-7, 1.5e3 → 1500"),
        ("big-ints-in-arguments", ["qwen3", "qwen2.5"], "JS numbers are doubles: big ints print as 1.2345678901234568e+29"),
        ("integer-like-keys-keep-order", ["qwen3", "qwen2.5"], "JS objects put integer-like keys first"),
        ("duplicate-keys-last-value-first-position", ["qwen3", "qwen2.5"], "JS prints 3.0 as 3"),
        ("schema-numbers-python-repr", ["qwen3", "qwen2.5"], "JS prints 0.0 / 1.0 as 0 / 1"),
        // Qwen2.5 renders no reasoning, so the strip('\n') cases agree there.
        ("reasoning-with-spaces-tabs-cr-at-ends", ["qwen3"], "JS strip('\\n') strips all whitespace"),
        ("reasoning-crlf-and-newlines-at-ends", ["qwen3"], "JS strip('\\n') strips all whitespace"),
        ("inline-think-whitespace-at-ends", ["qwen3"], "JS rstrip('\\n') / lstrip('\\n') strip all whitespace"),
        ("inline-think-newlines-then-spaces", ["qwen3"], "JS lstrip('\\n') strips all whitespace"),
        ("whitespace-only-reasoning-after-query", ["qwen3"], "JS strip('\\n') strips all whitespace"),
        ("content-with-leading-newlines-and-spaces", ["qwen3"], "JS lstrip('\\n') strips all whitespace"),
    ];

    [Theory]
    [InlineData("qwen3")]
    [InlineData("qwen2.5")]
    public void Rendering_equals_python_jinja2_on_every_fixture_conversation(string template)
    {
        var ours = template == "qwen3" ? (QwenChatTemplate)Qwen3ChatTemplate.Instance : Qwen25ChatTemplate.Instance;
        var conversations = FixtureConversation.LoadAll();
        var expected = LoadRenders(PythonRenders, template);
        Assert.True(conversations.Count >= 50, $"only {conversations.Count} fixture conversations; the parity test needs at least 50");

        var failures = new StringBuilder();
        int mismatches = 0;
        foreach (var c in conversations)
        {
            Assert.True(expected.TryGetValue(c.Name, out var reference),
                $"{PythonRenders} has no rendering of '{c.Name}'; rerun `bash .ci/install-fixtures`");
            string actual = ours.Render(c.Messages, c.Tools, c.Options);
            if (actual == reference) continue;
            mismatches++;
            int at = FirstDifference(actual, reference!);
            failures.AppendLine($"{c.Name}: first difference at {at}: expected {Snippet(reference!, at)} actual {Snippet(actual, at)}");
        }
        Assert.True(mismatches == 0, $"{mismatches} of {conversations.Count} conversations render differently from the {template} template in Python jinja2:\n{failures}");
    }

    [Theory]
    [InlineData("qwen3")]
    [InlineData("qwen2.5")]
    public void The_js_engine_agrees_with_python_except_where_it_is_known_to_differ(string template)
    {
        var python = LoadRenders(PythonRenders, template);
        var js = LoadRenders(JsRenders, template);
        var differing = python.Keys.Where(name => js[name] != python[name]).Order(StringComparer.Ordinal).ToList();
        var listed = JsDivergences.Where(d => d.Templates.Contains(template)).Select(d => d.Name).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(listed, differing);
        Assert.True(python.Count - differing.Count >= 40, $"the engines agree on only {python.Count - differing.Count} conversations");
    }

    private static Dictionary<string, string> LoadRenders(string file, string template)
    {
        using var doc = TextFixtures.ReadJson(Path.Combine(TextFixtures.CacheDirectory, file));
        return doc.RootElement.GetProperty("renders").EnumerateArray()
            .ToDictionary(r => r.GetProperty("name").GetString()!, r => r.GetProperty(template).GetString()!);
    }

    private static int FirstDifference(string a, string b)
    {
        int n = Math.Min(a.Length, b.Length);
        for (int i = 0; i < n; i++) if (a[i] != b[i]) return i;
        return n;
    }

    private static string Snippet(string s, int at) =>
        JsonSerializer.Serialize(s.Substring(Math.Max(0, at - 30), Math.Min(s.Length, at + 30) - Math.Max(0, at - 30)),
            new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
