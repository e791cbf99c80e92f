using System.Text;

namespace ToolRL.Generators.Emitting;

/// <summary>A minimal indented text writer for generated C# (four spaces per level, '\n' line ends).</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _builder = new();
    private int _indent;

    public SourceWriter Line(string text = "")
    {
        if (text.Length > 0)
            _builder.Append(' ', _indent * 4).Append(text);
        _builder.Append('\n');
        return this;
    }

    /// <summary>Writes <paramref name="header"/> and an opening brace, and indents.</summary>
    public SourceWriter Open(string header)
    {
        Line(header);
        Line("{");
        _indent++;
        return this;
    }

    /// <summary>Dedents and writes a closing brace (with an optional suffix such as <c>;</c>).</summary>
    public SourceWriter Close(string suffix = "")
    {
        _indent--;
        return Line("}" + suffix);
    }

    public SourceWriter Indent()
    {
        _indent++;
        return this;
    }

    public SourceWriter Dedent()
    {
        _indent--;
        return this;
    }

    public override string ToString() => _builder.ToString();
}
