namespace ToolRL.Construction.Procedural;

/// <summary>
/// One procedural tool's local implementation: a single parameter (a named kind as a string, a numbered kind as an
/// integer) and the fact table from its values to the tool's results. Strings match ignoring case, as in the facts
/// implementations the generator writes.
/// </summary>
/// <param name="ToolName">The tool.</param>
/// <param name="Parameter">Its only parameter.</param>
/// <param name="JsonType"><c>string</c> or <c>integer</c>.</param>
/// <param name="Rows">Argument text → result text.</param>
internal sealed record FactTable(string ToolName, string Parameter, string JsonType, IReadOnlyDictionary<string, string> Rows);
