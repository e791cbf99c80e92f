using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using ToolRL.Generators.Model;

namespace ToolRL.Generators.Parsing;

/// <summary>
/// Finds, reads and resolves the facts files that <c>[FactsFile("…")]</c> names. A name matches an AdditionalFiles
/// path when it is the path's tail on whole segments, ignoring case and separator style: <c>x.json</c> and
/// <c>dir/x.json</c> both match <c>/src/proj/dir/x.json</c>.
/// </summary>
internal static class FactsFiles
{
    public static string Normalize(string path)
    {
        var text = path.Replace('\\', '/');
        while (text.StartsWith("./", StringComparison.Ordinal))
            text = text.Substring(2);
        return text;
    }

    public static bool Matches(string filePath, string requested)
    {
        var file = Normalize(filePath);
        var name = Normalize(requested);
        if (name.Length == 0)
            return false;
        if (string.Equals(file, name, StringComparison.OrdinalIgnoreCase))
            return true;
        return file.Length > name.Length
            && file[file.Length - name.Length - 1] == '/'
            && file.EndsWith(name, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Reads and parses one file. Text the build could not decode as UTF-8 is an error, not mojibake facts.</summary>
    public static FactsFileModel Read(AdditionalText file, CancellationToken cancellationToken)
    {
        var path = Normalize(file.Path);
        var text = file.GetText(cancellationToken);
        if (text is null)
            return new FactsFileModel(path, null, "it could not be read");
        // The compiler decodes a file that is not valid UTF-8 with a legacy code page, an editor with U+FFFD.
        var encoding = text.Encoding;
        var content = text.ToString();
        if ((encoding is not null && encoding.CodePage != Encoding.UTF8.CodePage && encoding is not UnicodeEncoding && encoding is not UTF32Encoding)
            || content.IndexOf('\uFFFD') >= 0)
            return new FactsFileModel(path, null, "it is not valid UTF-8 text (save it as UTF-8)");
        var root = MiniJson.Parse(content, out var error);
        return root is null ? new FactsFileModel(path, null, error ?? "not JSON") : new FactsFileModel(path, root, null);
    }

    /// <summary>Facts of one scenario: its attribute facts, then each named file's, with every problem as a diagnostic.</summary>
    public static ScenarioFacts Resolve(ScenarioParseResult result, EquatableArray<FactsFileModel> files)
    {
        var scenario = result.Scenario!;
        var diagnostics = new List<DiagnosticInfo>();
        var facts = new List<FactModel>(scenario.Facts);
        foreach (var request in result.FactsFiles)
        {
            var matching = files.Where(f => Matches(f.Path, request.FileName)).ToList();
            if (matching.Count == 0)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.FactsFileMissing, request.Location, request.FileName));
                continue;
            }
            if (matching.Count > 1)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.FactsFileInvalid, request.Location, request.FileName,
                    "the name matches several AdditionalFiles (" + string.Join(", ", matching.Select(f => f.Path)) + "); give more of the path"));
                continue;
            }
            var file = matching[0];
            if (file.Root is null)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.FactsFileInvalid, request.Location, request.FileName, file.Error ?? "not JSON"));
            else
                facts.AddRange(FactsFileParser.Parse(scenario, request, file.Root, diagnostics));
        }
        ReportShadowedFacts(scenario, facts, result.Location, diagnostics);
        return new ScenarioFacts(facts.ToEquatableArray(), diagnostics.ToEquatableArray());
    }

    /// <summary>
    /// String arguments match ignoring case, so two facts whose arguments differ only in case (or not at all) answer the
    /// same calls: the later one could never be returned.
    /// </summary>
    private static void ReportShadowedFacts(ScenarioModel scenario, List<FactModel> facts, LocationInfo? location, List<DiagnosticInfo> diagnostics)
    {
        var seen = new Dictionary<string, FactModel>(StringComparer.Ordinal);
        foreach (var fact in facts)
        {
            var tool = scenario.Tools.FirstOrDefault(t => t.MethodName == fact.MethodName);
            if (tool is null)
                continue;
            var key = new StringBuilder(fact.MethodName);
            for (var i = 0; i < fact.Arguments.Count && i < tool.Parameters.Count; i++)
            {
                var json = fact.Arguments[i].Json;
                key.Append('\u0001').Append(tool.Parameters[i].Type.Kind == Model.TypeKind.String ? json.ToUpperInvariant() : json);
            }
            if (seen.TryGetValue(key.ToString(), out var first))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ShadowedFact, location, fact.MethodName,
                    Arguments(tool, first), Arguments(tool, fact)));
                continue;
            }
            seen.Add(key.ToString(), fact);
        }
    }

    private static string Arguments(ToolModel tool, FactModel fact) =>
        "(" + string.Join(", ", tool.Parameters.Select((p, i) => p.Name + "=" + (i < fact.Arguments.Count ? fact.Arguments[i].Json : "?"))) + ")";
}
