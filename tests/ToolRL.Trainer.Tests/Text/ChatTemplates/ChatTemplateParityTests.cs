using System.Text;
using System.Text.Json;
using ToolRL.Trainer.Text.ChatTemplates;

namespace ToolRL.Trainer.Tests.Text.ChatTemplates;

using Xunit; // before ToolRL.FactAttribute of the Runtime, which the enclosing namespace would otherwise find

/// <summary>
/// Our C# templates against the checkpoints' Jinja templates rendered by @huggingface/jinja at fixture time,
/// on the same conversations (fixtures/chat-conversations.json).
/// </summary>
public sealed class ChatTemplateParityTests
{
    [Theory]
    [InlineData("qwen3")]
    [InlineData("qwen2.5")]
    public void Rendering_equals_the_jinja_template_on_every_fixture_conversation(string template)
    {
        var ours = template == "qwen3" ? (QwenChatTemplate)Qwen3ChatTemplate.Instance : Qwen25ChatTemplate.Instance;
        var conversations = FixtureConversation.LoadAll();
        using var doc = TextFixtures.ReadJson(Path.Combine(TextFixtures.CacheDirectory, "chat-renders.json"));
        var expected = doc.RootElement.GetProperty("renders").EnumerateArray()
            .ToDictionary(r => r.GetProperty("name").GetString()!, r => r.GetProperty(template).GetString()!);
        Assert.True(conversations.Count >= 30, $"only {conversations.Count} fixture conversations; the parity test needs at least 30");

        var failures = new StringBuilder();
        int mismatches = 0;
        foreach (var c in conversations)
        {
            Assert.True(expected.TryGetValue(c.Name, out var reference),
                $"chat-renders.json has no rendering of '{c.Name}'; rerun `bash .ci/install-fixtures`");
            string actual = ours.Render(c.Messages, c.Tools, c.Options);
            if (actual == reference) continue;
            mismatches++;
            int at = FirstDifference(actual, reference!);
            failures.AppendLine($"{c.Name}: first difference at {at}: expected {Snippet(reference!, at)} actual {Snippet(actual, at)}");
        }
        Assert.True(mismatches == 0, $"{mismatches} of {conversations.Count} conversations render differently from the {template} Jinja template:\n{failures}");
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
