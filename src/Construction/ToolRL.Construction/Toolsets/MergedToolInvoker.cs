using System.Text.Json;
using ToolRL.Construction.Sources;
using ToolRL.Tools;

namespace ToolRL.Construction.Toolsets;

/// <summary>
/// Routes calls to merged tools: reads <c>operation</c>, drops it, and calls the original tool. The originals'
/// own names are no longer offered, so calling one directly gets the unknown-tool feedback.
/// </summary>
internal sealed class MergedToolInvoker : IToolInvoker
{
    private readonly IToolInvoker _inner;
    private readonly Dictionary<string, MergedTool> _merged;
    private readonly HashSet<string> _hidden;

    public MergedToolInvoker(IToolInvoker inner, IReadOnlyList<MergedTool> merged)
    {
        _inner = inner;
        _merged = merged.ToDictionary(m => m.Name, StringComparer.Ordinal);
        _hidden = merged.SelectMany(m => m.Members).ToHashSet(StringComparer.Ordinal);
    }

    public ToolResult Invoke(string toolName, JsonElement arguments, CancellationToken cancellationToken = default)
    {
        if (_hidden.Contains(toolName) && !_merged.ContainsKey(toolName))
            return ToolFeedback.UnknownTool(toolName);
        if (!_merged.TryGetValue(toolName, out var tool))
            return _inner.Invoke(toolName, arguments, cancellationToken);
        if (!arguments.TryGetProperty(MergedTool.OperationParameter, out var op))
            return ToolFeedback.MissingArgument(toolName, MergedTool.OperationParameter);
        var member = op.ValueKind == JsonValueKind.String ? op.GetString() : null;
        if (member is null || !tool.MemberParameters.TryGetValue(member, out var accepted))
            return ToolFeedback.InvalidArgument(toolName, MergedTool.OperationParameter, "one of " + string.Join(", ", tool.Members));
        foreach (var p in arguments.EnumerateObject())
        {
            if (p.Name != MergedTool.OperationParameter && !accepted.Contains(p.Name))
                return new ToolResult(ToolOutcome.InvalidArguments, ToolFeedback.Error(toolName, $"operation '{member}' does not take argument '{p.Name}'"));
        }
        var forwarded = JsonArguments.Rewrite(arguments, n => n == MergedTool.OperationParameter);
        return _inner.Invoke(member, forwarded, cancellationToken);
    }
}
