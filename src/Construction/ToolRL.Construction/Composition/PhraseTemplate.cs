using System.Text;
using System.Text.RegularExpressions;
using Scriban;
using ToolRL.Tools;

namespace ToolRL.Construction.Composition;

/// <summary>
/// A tool's phrase (<c>"the capital of {country}"</c>) compiled to a Scriban template whose holes are numbered
/// (<c>{{ p0 }}</c>), so parameter names that are Scriban keywords cannot break it. Tools without a phrase
/// get one from their name: <c>get_capital(country)</c> → <c>"the capital of {country}"</c>.
/// </summary>
public sealed partial class PhraseTemplate
{
    private static readonly string[] LeadingVerbs = ["get", "find", "fetch", "lookup", "look", "query", "search", "list", "retrieve", "compute", "calculate", "show"];

    private PhraseTemplate(string toolName, string source, Template template, IReadOnlyList<string> holes)
    {
        ToolName = toolName;
        Source = source;
        Template = template;
        Holes = holes;
    }

    /// <summary>The tool the phrase names.</summary>
    public string ToolName { get; }

    /// <summary>The phrase as written (or derived).</summary>
    public string Source { get; }

    /// <summary>The parsed Scriban template.</summary>
    public Template Template { get; }

    /// <summary>The parameter names of the holes, in the order of the template variables p0, p1, ….</summary>
    public IReadOnlyList<string> Holes { get; }

    /// <summary>Compiles the tool's phrase; throws <see cref="FormatException"/> naming the tool and the problem.</summary>
    public static PhraseTemplate For(ToolSignature signature)
    {
        var source = signature.Phrase ?? DerivePhrase(signature);
        var holes = new List<string>();
        var converted = Hole().Replace(source, m =>
        {
            var name = m.Groups[1].Value;
            if (signature.Parameters.All(p => p.Name != name))
                throw new FormatException($"The phrase of tool '{signature.Name}' (\"{source}\") names {{{name}}}, which is not one of its parameters ({string.Join(", ", signature.Parameters.Select(p => p.Name))}).");
            var index = holes.IndexOf(name);
            if (index < 0)
            {
                index = holes.Count;
                holes.Add(name);
            }
            return "{{ p" + index + " }}";
        });
        var withoutTags = Tag().Replace(converted, "");
        if (withoutTags.Contains('{') || withoutTags.Contains('}'))
            throw new FormatException($"The phrase of tool '{signature.Name}' (\"{source}\") has a brace that is not a {{parameter}} hole.");
        var template = Template.Parse(converted);
        if (template.HasErrors)
            throw new FormatException($"The phrase of tool '{signature.Name}' (\"{source}\") does not compile: {string.Join("; ", template.Messages)}");
        return new PhraseTemplate(signature.Name, source, template, holes);
    }

    /// <summary>"the capital of {country}" from <c>get_capital(country)</c>; every required parameter gets a hole.</summary>
    public static string DerivePhrase(ToolSignature signature)
    {
        var words = signature.Name.Split('_', StringSplitOptions.RemoveEmptyEntries).Select(w => w.ToLowerInvariant()).ToList();
        if (words.Count > 1 && LeadingVerbs.Contains(words[0]))
            words.RemoveAt(0);
        var builder = new StringBuilder("the ").Append(string.Join(' ', words));
        var required = signature.Parameters.Where(p => p.Required).ToList();
        for (var i = 0; i < required.Count; i++)
            builder.Append(i == 0 ? " of {" : " and {").Append(required[i].Name).Append('}');
        return builder.ToString();
    }

    [GeneratedRegex(@"\{([A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex Hole();

    [GeneratedRegex(@"\{\{ p[0-9]+ \}\}")]
    private static partial Regex Tag();
}
