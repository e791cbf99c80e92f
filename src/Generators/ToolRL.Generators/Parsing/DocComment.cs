using System;
using System.Linq;
using System.Text;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ToolRL.Generators.Parsing;

/// <summary>
/// Reads a symbol's XML doc comment as plain text. Falls back to the raw <c>///</c> trivia when the
/// compilation does not parse documentation (no GenerateDocumentationFile), so descriptions work either way.
/// </summary>
internal sealed class DocComment
{
    private readonly XElement? _root;

    private DocComment(XElement? root) => _root = root;

    public static DocComment For(ISymbol symbol)
    {
        var xml = symbol.GetDocumentationCommentXml();
        if (string.IsNullOrWhiteSpace(xml))
            xml = FromTrivia(symbol);
        if (string.IsNullOrWhiteSpace(xml))
            return new DocComment(null);
        try
        {
            return new DocComment(XElement.Parse(xml, LoadOptions.None));
        }
        catch (System.Xml.XmlException)
        {
            return new DocComment(null);
        }
    }

    public string Summary => Text(_root?.Element("summary"));

    public string Returns => Text(_root?.Element("returns"));

    public string Param(string name) =>
        Text(_root?.Elements("param").FirstOrDefault(e => (string?)e.Attribute("name") == name));

    private static string? FromTrivia(ISymbol symbol)
    {
        var syntax = symbol.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax();
        if (syntax is null)
            return null;
        var builder = new StringBuilder();
        foreach (var trivia in syntax.GetLeadingTrivia())
        {
            if (trivia.IsKind(SyntaxKind.SingleLineDocumentationCommentTrivia) || trivia.IsKind(SyntaxKind.SingleLineCommentTrivia))
            {
                foreach (var line in trivia.ToFullString().Split('\n'))
                {
                    var text = line.Trim();
                    if (text.StartsWith("///", StringComparison.Ordinal))
                        builder.AppendLine(text.Substring(3));
                }
            }
        }
        return builder.Length == 0 ? null : "<member>" + builder + "</member>";
    }

    /// <summary>Flattens an element to one line: <c>&lt;see cref="T:X.Y"/&gt;</c> → <c>Y</c>, <c>&lt;c&gt;x&lt;/c&gt;</c> → <c>x</c>.</summary>
    private static string Text(XElement? element)
    {
        if (element is null)
            return string.Empty;
        var builder = new StringBuilder();
        Append(element, builder);
        return string.Join(" ", builder.ToString().Split(new[] { ' ', '\t', '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries));
    }

    private static void Append(XElement element, StringBuilder builder)
    {
        foreach (var node in element.Nodes())
        {
            switch (node)
            {
                case XText text:
                    builder.Append(text.Value);
                    break;
                case XElement child when child.Name.LocalName is "see" or "seealso" or "paramref" or "typeparamref":
                    var reference = (string?)child.Attribute("cref") ?? (string?)child.Attribute("name") ?? (string?)child.Attribute("langword") ?? string.Empty;
                    if (child.Nodes().Any())
                    {
                        Append(child, builder);
                    }
                    else
                    {
                        var colon = reference.IndexOf(':');
                        var name = colon >= 0 ? reference.Substring(colon + 1) : reference;
                        var paren = name.IndexOf('(');
                        if (paren >= 0)
                            name = name.Substring(0, paren);
                        var dot = name.LastIndexOf('.');
                        builder.Append(dot >= 0 ? name.Substring(dot + 1) : name);
                    }
                    break;
                case XElement child when child.Name.LocalName is "para" or "list" or "item" or "br":
                    builder.Append(' ');
                    Append(child, builder);
                    builder.Append(' ');
                    break;
                case XElement child:
                    Append(child, builder);
                    break;
            }
        }
    }
}
