using System;
using System.Collections.Generic;
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
/// dispatcher, recorder, tasks) and, for facts-only scenarios, <c>{Name}Facts</c>.
/// </summary>
/// <remarks>
/// Shaped like System.Text.Json's generator: parsing turns symbols into equatable models inside the
/// <c>ForAttributeWithMetadataName</c> transforms; source is emitted from the models alone, and diagnostics (which
/// carry locations) from separate outputs, so moving a declaration re-reports but does not re-emit. A scenario's
/// source depends on its own model, its own tasks and the facts files it names: a facts file is read and parsed in
/// its own step, and only files some scenario names are read at all.
/// </remarks>
[Generator(LanguageNames.CSharp)]
public sealed class ScenarioGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var scenarios = context.SyntaxProvider.ForAttributeWithMetadataName(
            ScenarioParser.ScenarioAttribute,
            static (node, _) => node is InterfaceDeclarationSyntax,
            ScenarioParser.Parse)
            .WithTrackingName(TrackingNames.Scenarios);

        var tasks = context.SyntaxProvider.ForAttributeWithMetadataName(
            TaskParser.TaskAttribute,
            static (node, _) => node is MethodDeclarationSyntax,
            TaskParser.Parse)
            .WithTrackingName(TrackingNames.Tasks);

        // Diagnostics: one output per parse result, apart from the source outputs.
        context.RegisterSourceOutput(scenarios.Select(static (r, _) => r.Diagnostics), ReportDiagnostics);
        context.RegisterSourceOutput(tasks.Select(static (r, _) => r.Diagnostics), ReportDiagnostics);

        var taskAccessors = tasks
            .Select(static (r, _) => r.Task?.Accessor)
            .Where(static a => a is not null)
            .Select(static (a, _) => a!)
            .WithTrackingName(TrackingNames.TaskAccessors);
        context.RegisterSourceOutput(taskAccessors, static (spc, accessor) =>
        {
            var hint = Hint((accessor.Namespace.Length > 0 ? accessor.Namespace + "." : "") + string.Join(".", accessor.ContainingTypes.Select(t => t.Split(' ').Last())) + "." + accessor.MethodName + ".Task");
            spc.AddSource(hint, SourceText.From(TaskAccessorEmitter.Emit(accessor), Encoding.UTF8));
        });

        // Tasks grouped by scenario interface: a scenario's emit model picks its own group, so editing a task of one
        // scenario leaves the other scenarios' models unchanged (and their sources cached).
        var tasksByScenario = tasks
            .Select(static (r, _) => r.Task)
            .Where(static t => t is not null)
            .Select(static (t, _) => t!)
            .Collect()
            .Select(static (all, _) => all
                .GroupBy(t => t.ScenarioInterfaceFullName, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new ScenarioTasks(g.Key, g.ToEquatableArray()))
                .ToEquatableArray())
            .WithTrackingName(TrackingNames.TasksByScenario);

        // Facts files: only the files some scenario names are read; each is parsed in its own step.
        var requestedFiles = scenarios
            .Select(static (r, _) => r.Scenario is null ? EquatableArray<string>.Empty : r.FactsFiles.Select(f => f.FileName).ToEquatableArray())
            .Collect()
            .Select(static (all, _) => all.SelectMany(a => a).Distinct(StringComparer.Ordinal).OrderBy(n => n, StringComparer.Ordinal).ToEquatableArray())
            .WithTrackingName(TrackingNames.RequestedFactsFiles);
        var factsFiles = context.AdditionalTextsProvider
            .Combine(requestedFiles)
            .Where(static pair => pair.Right.Any(name => FactsFiles.Matches(pair.Left.Path, name)))
            .Select(static (pair, cancellationToken) => FactsFiles.Read(pair.Left, cancellationToken))
            .WithTrackingName(TrackingNames.FactsFiles)
            .Collect()
            .Select(static (all, _) => all.OrderBy(f => f.Path, StringComparer.Ordinal).ToEquatableArray());

        var resolved = scenarios
            .Where(static r => r.Scenario is not null)
            .Combine(factsFiles)
            .Select(static (pair, _) =>
            {
                var facts = FactsFiles.Resolve(pair.Left, pair.Right);
                // With a fact or facts file in error, some facts are missing: checking calls against the rest would only echo that error.
                var complete = !pair.Left.Diagnostics.Concat(facts.Diagnostics).Any(d => d.Descriptor.DefaultSeverity == DiagnosticSeverity.Error);
                return new ResolvedScenario(pair.Left.Scenario!, facts, complete);
            })
            .WithTrackingName(TrackingNames.ResolvedScenarios);
        context.RegisterSourceOutput(resolved.Select(static (r, _) => r.Facts.Diagnostics), ReportDiagnostics);

        // Golden calls with constant arguments against the facts (TRL036): diagnostics only, so locations may change freely.
        var factChecks = tasks
            .Select(static (r, _) => r.FactChecks)
            .Collect()
            .Select(static (all, _) => all.SelectMany(c => c).ToEquatableArray())
            .WithTrackingName(TrackingNames.FactChecks);
        context.RegisterSourceOutput(
            resolved.Combine(factChecks).Select(static (pair, _) => pair.Left.FactsComplete
                ? FactCoverage.Check(pair.Left.Scenario, pair.Left.Facts.Facts, pair.Right)
                : EquatableArray<DiagnosticInfo>.Empty),
            ReportDiagnostics);

        var emitModels = resolved
            .Combine(tasksByScenario)
            .Select(static (pair, _) => new ScenarioEmitModel(
                pair.Left.Scenario,
                pair.Right.FirstOrDefault(g => g.InterfaceFullName == pair.Left.Scenario.InterfaceFullName)?.Tasks ?? EquatableArray<TaskModel>.Empty,
                pair.Left.Facts.Facts))
            .WithTrackingName(TrackingNames.EmitModels);
        context.RegisterSourceOutput(emitModels, static (spc, model) =>
        {
            var scenario = model.Scenario;
            var source = new ScenarioEmitter(scenario, model.Tasks.Items, model.Facts.Items).Emit();
            var hintName = Hint((scenario.Namespace.Length > 0 ? scenario.Namespace + "." : "") + scenario.BaseName + "Scenario");
            spc.AddSource(hintName, SourceText.From(source, Encoding.UTF8));
        });

        // A scenario with errors still gets a placeholder class, so the TRL diagnostic is not followed by CS0103.
        var stubs = scenarios
            .Select(static (r, _) => r.Stub)
            .Where(static s => s is not null)
            .Select(static (s, _) => s!)
            .WithTrackingName(TrackingNames.ScenarioStubs);
        context.RegisterSourceOutput(stubs, static (spc, stub) =>
        {
            var hintName = Hint((stub.Namespace.Length > 0 ? stub.Namespace + "." : "") + stub.BaseName + "Scenario");
            spc.AddSource(hintName, SourceText.From(ScenarioStubEmitter.Emit(stub), Encoding.UTF8));
        });

        // Scenario names must be unique in a compilation: they name environments and prefix task ids.
        var scenarioNames = scenarios
            .Select(static (result, _) => result.Scenario is { } s ? new ScenarioNameModel(s.ScenarioName, s.InterfaceName, result.Location) : null)
            .Where(static name => name is not null)
            .Select(static (name, _) => name!)
            .Collect()
            .Select(static (all, _) => all.ToEquatableArray());
        context.RegisterSourceOutput(scenarioNames, static (spc, names) =>
        {
            foreach (var group in names.GroupBy(n => n.ScenarioName, StringComparer.Ordinal).Where(g => g.Count() > 1))
            {
                var first = group.First();
                foreach (var duplicate in group.Skip(1))
                    spc.ReportDiagnostic(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateScenarioName, duplicate.Location, group.Key, first.InterfaceName, duplicate.InterfaceName).ToDiagnostic());
            }
        });
    }

    private static void ReportDiagnostics(SourceProductionContext context, EquatableArray<DiagnosticInfo> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
            context.ReportDiagnostic(diagnostic.ToDiagnostic());
    }

    private static string Hint(string name)
    {
        var builder = new StringBuilder(name.Length + 5);
        foreach (var c in name)
            builder.Append(char.IsLetterOrDigit(c) || c is '.' or '_' ? c : '_');
        return builder.Append(".g.cs").ToString();
    }
}

/// <summary>Names of pipeline steps, so tests can check which inputs are served from the cache.</summary>
internal static class TrackingNames
{
    public const string Scenarios = nameof(Scenarios);
    public const string Tasks = nameof(Tasks);
    public const string TaskAccessors = nameof(TaskAccessors);
    public const string TasksByScenario = nameof(TasksByScenario);
    public const string RequestedFactsFiles = nameof(RequestedFactsFiles);
    public const string FactsFiles = nameof(FactsFiles);
    public const string ResolvedScenarios = nameof(ResolvedScenarios);
    public const string EmitModels = nameof(EmitModels);
    public const string ScenarioStubs = nameof(ScenarioStubs);
    public const string FactChecks = nameof(FactChecks);
}

/// <summary>A scenario's name and where it is declared (for the duplicate-name check).</summary>
internal sealed record ScenarioNameModel(string ScenarioName, string InterfaceName, LocationInfo? Location);

/// <summary>The tasks of one scenario interface.</summary>
internal sealed record ScenarioTasks(string InterfaceFullName, EquatableArray<TaskModel> Tasks);

/// <summary>A scenario model with its resolved facts.</summary>
/// <param name="Scenario">The scenario.</param>
/// <param name="Facts">Its facts from attributes and files, with the facts files' diagnostics.</param>
/// <param name="FactsComplete">False when a fact or facts file is in error (so golden calls are not checked against the rest).</param>
internal sealed record ResolvedScenario(ScenarioModel Scenario, ScenarioFacts Facts, bool FactsComplete = true);
