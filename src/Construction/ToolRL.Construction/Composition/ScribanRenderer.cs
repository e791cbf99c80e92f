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
    private readonly Dictionary<string, string> _cache = new(StringComparer.Ordinal);

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

    /// <summary>
    /// <see cref="Render"/> through a cache keyed by <paramref name="key"/> and the values; the cache is cleared when it
    /// reaches <see cref="MaxCached"/> entries, so memory stays bounded however many tasks stream through.
    /// </summary>
    public string RenderCached(string key, Template template, IReadOnlyList<string> values)
    {
        var cacheKey = key + "\u0001" + string.Join('\u0001', values);
        if (_cache.TryGetValue(cacheKey, out var text))
            return text;
        if (_cache.Count >= MaxCached)
            _cache.Clear();
        return _cache[cacheKey] = Render(template, values);
    }

    /// <summary>Most phrases kept by <see cref="RenderCached"/>.</summary>
    public const int MaxCached = 50_000;

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
