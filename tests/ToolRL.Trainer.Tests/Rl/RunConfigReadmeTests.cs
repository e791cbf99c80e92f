using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using ToolRL.Trainer.Rl;
using ToolRL.Trainer.Tests.Text;

namespace ToolRL.Trainer.Tests.Rl;

/// <summary>
/// The README's table of <c>train --model --config</c> keys is RunConfig itself: every JSON key, its default and
/// its doc summary, in order. A new or renamed setting fails here, and the message holds the table to paste.
/// </summary>
public sealed class RunConfigReadmeTests
{
    private const string Heading = "### `train --model --config` keys";

    [Fact]
    public void The_readme_lists_every_run_config_key_with_its_default_and_meaning()
    {
        var expected = ExpectedRows();
        var readme = File.ReadAllText(Path.Combine(TextFixtures.RepositoryRoot, "README.md")).Replace("\r\n", "\n");
        var start = readme.IndexOf(Heading + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"README.md has no '{Heading}' section; add it with this table:\n{Table(expected)}");
        var section = readme[(start + Heading.Length)..];
        var next = section.IndexOf("\n#", StringComparison.Ordinal);
        var rows = (next < 0 ? section : section[..next]).Split('\n').Where(l => l.StartsWith("| `", StringComparison.Ordinal)).ToList();
        Assert.True(expected.SequenceEqual(rows), $"README.md's '{Heading}' table differs from RunConfig; it should be:\n{Table(expected)}");
    }

    private static string Table(IEnumerable<string> rows) =>
        "| key | default | meaning |\n|---|---|---|\n" + string.Join("\n", rows);

    private static List<string> ExpectedRows()
    {
        var defaults = JsonNode.Parse(new RunConfig().ToJson())!.AsObject();
        var docs = XDocument.Load(Path.ChangeExtension(typeof(RunConfig).Assembly.Location, ".xml"));
        var rows = new List<string>();
        foreach (var (key, value) in defaults)
        {
            var member = $"P:{typeof(RunConfig).FullName}.{char.ToUpperInvariant(key[0])}{key[1..]}";
            var summary = docs.Descendants("member").Single(m => (string?)m.Attribute("name") == member).Element("summary")!;
            rows.Add($"| `{key}` | `{value?.ToJsonString() ?? "null"}` | {Text(summary)} |");
        }
        return rows;
    }

    /// <summary>A doc summary as Markdown: <c>code</c> in backticks, see-references by their short name.</summary>
    private static string Text(XElement summary)
    {
        var parts = summary.Nodes().Select(node => node switch
        {
            XText text => text.Value,
            XElement { Name.LocalName: "c" } code => $"`{code.Value}`",
            XElement { Name.LocalName: "see" } see => "`" + Key(((string?)see.Attribute("cref") ?? "").Split('.')[^1]) + "`",
            XElement other => other.Value,
            _ => "",
        });
        return Regex.Replace(string.Concat(parts), @"\s+", " ").Trim().Replace("|", "\\|");

        // A reference to another setting reads as its JSON key.
        static string Key(string name) => typeof(RunConfig).GetProperty(name) is null ? name : char.ToLowerInvariant(name[0]) + name[1..];
    }
}
