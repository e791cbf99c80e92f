using System.Text;

namespace ToolRL.Trainer.Runs;

/// <summary>A GitHub-flavoured Markdown table; cells have <c>|</c> escaped and newlines flattened.</summary>
public sealed class MarkdownTable
{
    private readonly string[] _headers;
    private readonly List<string[]> _rows = [];

    /// <summary>Creates a table with these column headers.</summary>
    public MarkdownTable(params string[] headers)
    {
        if (headers.Length == 0)
            throw new ArgumentException("A table needs at least one column.", nameof(headers));
        _headers = headers;
    }

    /// <summary>Adds a row; the cell count must equal the column count.</summary>
    public MarkdownTable Add(params string[] cells)
    {
        if (cells.Length != _headers.Length)
            throw new ArgumentException($"Row has {cells.Length} cells for {_headers.Length} columns.", nameof(cells));
        _rows.Add(cells);
        return this;
    }

    /// <summary>Rows added.</summary>
    public int RowCount => _rows.Count;

    /// <inheritdoc/>
    public override string ToString()
    {
        var sb = new StringBuilder();
        Line(sb, _headers);
        Line(sb, _headers.Select(_ => "---").ToArray());
        foreach (var row in _rows)
            Line(sb, row);
        return sb.ToString();
    }

    private static void Line(StringBuilder sb, string[] cells) =>
        sb.Append("| ").Append(string.Join(" | ", cells.Select(Escape))).Append(" |\n");

    private static string Escape(string cell) => cell.Replace("|", "\\|").Replace("\r", "").Replace("\n", " ");
}
