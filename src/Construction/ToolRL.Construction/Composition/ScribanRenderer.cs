using Scriban;
using Scriban.Runtime;

namespace ToolRL.Construction.Composition;

/// <summary>
/// Renders Scriban templates with one reused context and globals object (allocation-light; not thread-safe:
/// one renderer per composition run).
/// </summary>
internal sealed class ScribanRenderer
{
    private static readonly string[] HoleNames = Enumerable.Range(0, 16).Select(i => "p" + i).ToArray();
    private readonly TemplateContext _context;
    private readonly ScriptObject _globals = new();

    public ScribanRenderer()
    {
        _context = new TemplateContext { StrictVariables = true, EnableRelaxedMemberAccess = false };
        _context.PushGlobal(_globals);
    }

    /// <summary>Renders <paramref name="template"/> with <c>p0…pN</c> bound to <paramref name="values"/>.</summary>
    public string Render(Template template, IReadOnlyList<string> values)
    {
        if (values.Count > HoleNames.Length)
            throw new ArgumentException($"A phrase has at most {HoleNames.Length} holes.", nameof(values));
        for (var i = 0; i < values.Count; i++)
            _globals.SetValue(HoleNames[i], values[i], false);
        return template.Render(_context);
    }

    /// <summary>Renders <paramref name="template"/> with <c>phrases</c> bound to a list.</summary>
    public string RenderList(Template template, IReadOnlyList<string> phrases)
    {
        var list = new ScriptArray(phrases.Count);
        foreach (var p in phrases)
            list.Add(p);
        _globals.SetValue("phrases", list, false);
        return template.Render(_context);
    }
}
