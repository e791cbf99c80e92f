using Scriban;

namespace ToolRL.Construction.Composition;

/// <summary>
/// Turns rendered phrases into questions with Scriban templates: one phrase per question for single-hop and
/// multi-hop tasks (a multi-hop phrase nests the earlier phrases: "the weather in the capital of Japan"),
/// a coordinated list for parallel tasks. The opening is chosen by the task's random stream.
/// </summary>
internal sealed class QuestionWriter
{
    private const string ListBody = "{{ for p in phrases }}{{ if !for.first }}{{ if for.last }} and {{ else }}, {{ end }}{{ end }}{{ p }}{{ end }}";

    private static readonly Template[] Single =
    [
        Parse("What is {{ phrases[0] }}?"),
        Parse("Can you tell me {{ phrases[0] }}?"),
        Parse("I need to know {{ phrases[0] }}."),
        Parse("Please find out {{ phrases[0] }}."),
    ];

    private static readonly Template[] Several =
    [
        Parse("What are " + ListBody + "?"),
        Parse("Can you tell me " + ListBody + "?"),
        Parse("I need to know " + ListBody + "."),
        Parse("Please find out " + ListBody + "."),
    ];

    private readonly ScribanRenderer _renderer;

    public QuestionWriter(ScribanRenderer renderer) => _renderer = renderer;

    /// <summary>The question asking for every phrase, opening chosen by <paramref name="random"/>.</summary>
    public string Write(IReadOnlyList<string> phrases, Random random)
    {
        var templates = phrases.Count == 1 ? Single : Several;
        var text = _renderer.RenderList(templates[random.Next(templates.Length)], phrases);
        return char.ToUpperInvariant(text[0]) + text[1..];
    }

    private static Template Parse(string text)
    {
        var template = Template.Parse(text);
        if (template.HasErrors)
            throw new InvalidOperationException($"Question template does not compile: {string.Join("; ", template.Messages)}");
        return template;
    }
}
