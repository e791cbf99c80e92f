namespace ToolRL.Generators.Model;

/// <summary>
/// A facts file that some scenario names, read and parsed in its own pipeline step (so a scenario re-runs only when
/// one of its files changes): the path as the build gives it, and the parsed root or why it could not be read.
/// </summary>
/// <param name="Path">The AdditionalFiles path, with '/' separators.</param>
/// <param name="Root">The parsed JSON, or null when <paramref name="Error"/> says why not.</param>
/// <param name="Error">Not UTF-8, or not JSON (with line and column); null when parsed.</param>
internal sealed record FactsFileModel(string Path, Parsing.JsonNode? Root, string? Error);

/// <summary>The facts of one scenario from its attributes and files, with the diagnostics resolving them gave.</summary>
internal sealed record ScenarioFacts(EquatableArray<FactModel> Facts, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>Everything one scenario's source depends on, and nothing else (no locations, no diagnostics).</summary>
internal sealed record ScenarioEmitModel(ScenarioModel Scenario, EquatableArray<TaskModel> Tasks, EquatableArray<FactModel> Facts);
