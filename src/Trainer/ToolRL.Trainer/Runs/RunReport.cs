using System.Globalization;
using System.Text;
using ToolRL.IO;

namespace ToolRL.Trainer.Runs;

/// <summary>
/// The run folder's <c>report.md</c>: title, free paragraphs, tables and images (paths relative to the report),
/// then the config. Built up section by section and written atomically.
/// </summary>
internal sealed class RunReport
{
    private readonly StringBuilder _body = new();

    /// <summary>Starts a report titled <paramref name="title"/>.</summary>
    public RunReport(string title) => _body.Append("# ").Append(title).Append("\n\n");

    /// <summary>Adds a <c>##</c> heading.</summary>
    public RunReport Section(string heading)
    {
        _body.Append("## ").Append(heading).Append("\n\n");
        return this;
    }

    /// <summary>Adds a paragraph (nothing when the text is blank).</summary>
    public RunReport Paragraph(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) return this;
        _body.Append(text.Trim()).Append("\n\n");
        return this;
    }

    /// <summary>Adds a table.</summary>
    public RunReport Table(MarkdownTable table)
    {
        _body.Append(table).Append('\n');
        return this;
    }

    /// <summary>Adds an image; <paramref name="path"/> is made relative to <paramref name="reportDirectory"/>.</summary>
    public RunReport Image(string alt, string path, string reportDirectory)
    {
        var relative = Path.GetRelativePath(reportDirectory, path).Replace('\\', '/');
        _body.Append("![").Append(alt).Append("](").Append(relative).Append(")\n\n");
        return this;
    }

    /// <summary>Adds a fenced code block.</summary>
    public RunReport Code(string language, string code)
    {
        _body.Append("```").Append(language).Append('\n').Append(code.TrimEnd()).Append("\n```\n\n");
        return this;
    }

    /// <summary>A metrics summary: first and last value of each metric of <paramref name="phase"/>.</summary>
    public RunReport FirstLast(IReadOnlyList<StepMetrics> records, string phase)
    {
        var selected = records.Where(r => r.Phase == phase).OrderBy(r => r.Step).ToArray();
        if (selected.Length == 0)
            return Paragraph($"No {phase} records.");
        var table = new MarkdownTable("metric", $"first (step {selected[0].Step})", $"last (step {selected[^1].Step})");
        foreach (var name in selected.SelectMany(r => r.Values.Keys).Distinct(StringComparer.Ordinal))
        {
            var first = selected.FirstOrDefault(r => double.IsFinite(r[name]));
            var last = selected.LastOrDefault(r => double.IsFinite(r[name]));
            table.Add(name, Format(first?[name]), Format(last?[name]));
        }
        return Table(table);
    }

    /// <summary>The Markdown text.</summary>
    public override string ToString() => _body.ToString();

    /// <summary>Writes the report atomically.</summary>
    public void Save(string path) => AtomicFile.WriteAllText(path, ToString());

    /// <summary>A number in a short invariant form, "–" for none.</summary>
    public static string Format(double? value) =>
        value is { } v && double.IsFinite(v) ? v.ToString("0.####", CultureInfo.InvariantCulture) : "–";
}
