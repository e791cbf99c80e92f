using System.Text.Json;
using ToolRL.Construction.Sources;
using ToolRL.Environments;
using ToolRL.Serialization;
using ToolRL.Tools;

namespace ToolRL.Construction.Procedural;

/// <summary>
/// Runs procedural tools from their fact tables with the feedback of a generated facts implementation: the Runtime's
/// texts for an unknown, missing, repeated or mistyped argument, and "No record found for tool(p=value)." (a NoRecord
/// outcome, through <see cref="ToolSessionFactory.Invoke"/>) for a value the table lacks. The tables are immutable, so
/// one invoker serves every session.
/// </summary>
internal sealed class FactTableInvoker : IToolInvoker
{
    private readonly IReadOnlyDictionary<string, FactTable> _tables;

    public FactTableInvoker(IEnumerable<FactTable> tables) =>
        _tables = tables.ToDictionary(t => t.ToolName, StringComparer.Ordinal);

    public ToolResult Invoke(string toolName, JsonElement arguments, CancellationToken cancellationToken = default) =>
        ToolSessionFactory.Invoke(Dispatch, toolName, arguments, cancellationToken);

    private ToolResult Dispatch(string toolName, JsonElement arguments, CancellationToken cancellationToken)
    {
        if (!_tables.TryGetValue(toolName, out var table))
            return ToolFeedback.UnknownTool(toolName);
        string? key = null;
        foreach (var argument in arguments.EnumerateObject())
        {
            if (!JsonArgumentReader.TryGetName(argument, out var name))
                return ToolFeedback.InvalidText(toolName, null);
            if (name != table.Parameter)
                return ToolFeedback.UnknownArgument(toolName, name, "'" + table.Parameter + "'");
            if (key is not null)
                return ToolFeedback.DuplicateArgument(toolName, name);
            if (!TryRead(table, argument.Value, out key, out var error))
                return error;
        }
        if (key is null)
            return ToolFeedback.MissingArgument(toolName, table.Parameter);
        cancellationToken.ThrowIfCancellationRequested();
        if (table.Rows.TryGetValue(key, out var result))
            return ToolResult.Ok(result);
        var shown = table.JsonType == "string" ? ToolRL.Json.Quote(key) : key;
        throw new NoRecordException($"No record found for {toolName}({table.Parameter}={shown}).");
    }

    private static bool TryRead(FactTable table, JsonElement value, out string key, out ToolResult error)
    {
        if (table.JsonType == "string")
            return JsonArgumentReader.TryReadString(value, table.ToolName, table.Parameter, out key, out error);
        var ok = JsonArgumentReader.TryReadInt64(value, table.ToolName, table.Parameter, out var number, out error);
        key = ok ? number.ToString(System.Globalization.CultureInfo.InvariantCulture) : "";
        return ok;
    }
}
