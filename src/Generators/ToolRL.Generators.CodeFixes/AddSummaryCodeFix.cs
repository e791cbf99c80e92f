using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace ToolRL.Generators.CodeFixes;

/// <summary>
/// Fixes TRL001 (tool without description) and TRL002 (scenario without description) by adding a
/// <c>/// &lt;summary&gt;</c> line phrased from the member's name, e.g. <c>GetCapital</c> → "Get capital.",
/// for the author to refine.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddSummaryCodeFix)), Shared]
public sealed class AddSummaryCodeFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.ToolWithoutDescription.Id, DiagnosticDescriptors.ScenarioWithoutDescription.Id);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            var member = root?.FindToken(diagnostic.Location.SourceSpan.Start).Parent?.AncestorsAndSelf().OfType<MemberDeclarationSyntax>().FirstOrDefault();
            if (member is null)
                continue;
            context.RegisterCodeFix(
                CodeAction.Create("Add a <summary> doc comment", token => AddSummaryAsync(context.Document, member, token), equivalenceKey: nameof(AddSummaryCodeFix)),
                diagnostic);
        }
    }

    private static async Task<Document> AddSummaryAsync(Document document, MemberDeclarationSyntax member, CancellationToken cancellationToken)
    {
        var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        // Insert before an existing doc comment (which lacks a summary), else before the declaration's first line.
        // (Without documentation parsing the comment is plain '///' trivia; both count.)
        var docComment = member.GetLeadingTrivia().FirstOrDefault(t =>
            t.IsKind(SyntaxKind.SingleLineDocumentationCommentTrivia) || (t.IsKind(SyntaxKind.SingleLineCommentTrivia) && t.ToString().StartsWith("///")));
        var anchor = docComment.RawKind != 0 ? docComment.SpanStart : member.SpanStart;
        var line = text.Lines.GetLineFromPosition(anchor);
        var lineText = line.ToString();
        var indent = lineText.Substring(0, lineText.Length - lineText.TrimStart().Length);
        var newLine = line.EndIncludingLineBreak > line.End ? text.ToString(TextSpan.FromBounds(line.End, line.EndIncludingLineBreak)) : "\n";
        var summary = $"{indent}/// <summary>{Describe(member)}</summary>{newLine}";
        return document.WithText(text.WithChanges(new TextChange(new TextSpan(line.Start, 0), summary)));
    }

    /// <summary>"GetCapital" → "Get capital."; "ITravel" → "Travel."</summary>
    internal static string Describe(MemberDeclarationSyntax member)
    {
        var name = member switch
        {
            MethodDeclarationSyntax method => method.Identifier.Text,
            BaseTypeDeclarationSyntax type => type.Identifier.Text.Length > 1 && type.Identifier.Text[0] == 'I' && char.IsUpper(type.Identifier.Text[1])
                ? type.Identifier.Text.Substring(1)
                : type.Identifier.Text,
            _ => "TODO",
        };
        var words = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (i > 0 && char.IsUpper(c) && !char.IsUpper(name[i - 1]))
                words.Append(' ').Append(char.ToLowerInvariant(c));
            else
                words.Append(c);
        }
        return words.Append('.').ToString();
    }
}
