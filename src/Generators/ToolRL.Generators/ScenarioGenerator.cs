using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using ToolRL.Generators.Emitting;
using ToolRL.Generators.Model;
using ToolRL.Generators.Parsing;

namespace ToolRL.Generators;

/// <summary>
/// The ToolRL source generator: for each <c>[Scenario]</c> interface emits <c>{Name}Scenario</c> (schemas, Markdown,
/// dispatcher, recorder, tasks) and, for facts-only scenarios, <c>{Name}Facts</c>. Parsing turns symbols into
/// equatable models; emitting turns models into text; both are pure, so unchanged scenarios are not re-emitted.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class ScenarioGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var scenarios = context.SyntaxProvider.ForAttributeWithMetadataName(
            ScenarioParser.ScenarioAttribute,
            static (node, _) => node is InterfaceDeclarationSyntax,
            ScenarioParser.Parse);

        var tasks = context.SyntaxProvider.ForAttributeWithMetadataName(
            TaskParser.TaskAttribute,
            static (node, _) => node is MethodDeclarationSyntax,
            TaskParser.Parse);

        var taskModels = tasks
            .Select(static (result, _) => result.Task)
            .Where(static task => task is not null)
            .Select(static (task, _) => task!)
            .Collect()
            .Select(static (all, _) => all.ToEquatableArray());

        var jsonFiles = context.AdditionalTextsProvider
            .Where(static file => file.Path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            .Select(static (file, cancellationToken) => new AdditionalFileModel(Path.GetFileName(file.Path), file.GetText(cancellationToken)?.ToString()))
            .Collect()
            .Select(static (all, _) => all.ToEquatableArray());

        context.RegisterSourceOutput(tasks, static (spc, result) =>
        {
            foreach (var diagnostic in result.Diagnostics)
                spc.ReportDiagnostic(diagnostic.ToDiagnostic());
            if (result.Task?.Accessor is { } accessor)
            {
                var hint = Hint((accessor.Namespace.Length > 0 ? accessor.Namespace + "." : "") + string.Join(".", accessor.ContainingTypes.Select(t => t.Split(' ').Last())) + "." + accessor.MethodName + ".Task");
                spc.AddSource(hint, SourceText.From(TaskAccessorEmitter.Emit(accessor), Encoding.UTF8));
            }
        });

        context.RegisterSourceOutput(scenarios.Combine(taskModels).Combine(jsonFiles), static (spc, input) =>
        {
            var ((result, allTasks), files) = input;
            foreach (var diagnostic in result.Diagnostics)
                spc.ReportDiagnostic(diagnostic.ToDiagnostic());
            if (result.Scenario is not { } scenario)
                return;

            var diagnostics = new List<DiagnosticInfo>();
            var facts = new List<FactModel>(scenario.Facts);
            foreach (var request in result.FactsFiles)
            {
                var file = files.FirstOrDefault(f => string.Equals(f.FileName, request.FileName, StringComparison.OrdinalIgnoreCase));
                if (file is null || file.Text is null)
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.FactsFileMissing, request.Location, request.FileName));
                else
                    facts.AddRange(FactsFileParser.Parse(scenario, request, file.Text, diagnostics));
            }
            foreach (var diagnostic in diagnostics)
                spc.ReportDiagnostic(diagnostic.ToDiagnostic());

            var scenarioTasks = allTasks.Where(t => t.ScenarioInterfaceFullName == scenario.InterfaceFullName).ToList();
            var source = new ScenarioEmitter(scenario, scenarioTasks, facts).Emit();
            var hintName = Hint((scenario.Namespace.Length > 0 ? scenario.Namespace + "." : "") + scenario.BaseName + "Scenario");
            spc.AddSource(hintName, SourceText.From(source, Encoding.UTF8));
        });
    }

    private static string Hint(string name)
    {
        var builder = new StringBuilder(name.Length + 5);
        foreach (var c in name)
            builder.Append(char.IsLetterOrDigit(c) || c is '.' or '_' ? c : '_');
        return builder.Append(".g.cs").ToString();
    }
}

/// <summary>An AdditionalFiles item that may hold facts: file name and text.</summary>
internal sealed record AdditionalFileModel(string FileName, string? Text);
