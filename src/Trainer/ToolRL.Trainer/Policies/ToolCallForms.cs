using System.Globalization;

namespace ToolRL.Trainer.Policies;

/// <summary>How one reply of a chat endpoint carried its tool calls.</summary>
public enum ToolCallForm
{
    /// <summary>No tool calls (a final answer, or markup that parsed to no call).</summary>
    None,
    /// <summary>OpenAI structured <c>tool_calls</c>.</summary>
    Structured,
    /// <summary>Hermes <c>&lt;tool_call&gt;</c> blocks in the content, parsed as calls.</summary>
    HermesContent,
    /// <summary>Hermes <c>&lt;tool_call&gt;</c> blocks in the content, taken as the answer (parsing turned off).</summary>
    HermesIgnored,
}

/// <summary>Replies of a chat endpoint by the form of their tool calls.</summary>
/// <param name="Structured">Replies with structured <c>tool_calls</c>.</param>
/// <param name="HermesContent">Replies whose calls were parsed from Hermes text in the content.</param>
/// <param name="HermesIgnored">Replies with Hermes markup in the content that was not parsed.</param>
/// <param name="None">Replies without calls.</param>
public sealed record ToolCallForms(int Structured, int HermesContent, int HermesIgnored, int None)
{
    /// <summary>One line for the eval output: which form the server used, and what was done with it.</summary>
    public string Describe()
    {
        string form = (Structured, HermesContent + HermesIgnored) switch
        {
            (0, 0) => "no tool calls at all",
            (> 0, 0) => "structured tool_calls",
            (0, > 0) => "Hermes <tool_call> text in content (no structured tool_calls)",
            _ => "both structured tool_calls and Hermes <tool_call> text in content",
        };
        string line = string.Create(CultureInfo.InvariantCulture,
            $"tool-call form: {form}; replies: {Structured} structured, {HermesContent} Hermes text parsed, {HermesIgnored} Hermes text not parsed, {None} without calls");
        return HermesIgnored > 0 ? line + " (the unparsed ones counted as final answers; drop --no-hermes-content to parse them)" : line;
    }
}

/// <summary>Thread-safe counters behind <see cref="ToolCallForms"/> (requests run concurrently).</summary>
internal sealed class ToolCallFormCounts
{
    private int _structured, _hermes, _ignored, _none;

    public void Add(ToolCallForm form)
    {
        switch (form)
        {
            case ToolCallForm.Structured: Interlocked.Increment(ref _structured); break;
            case ToolCallForm.HermesContent: Interlocked.Increment(ref _hermes); break;
            case ToolCallForm.HermesIgnored: Interlocked.Increment(ref _ignored); break;
            default: Interlocked.Increment(ref _none); break;
        }
    }

    public ToolCallForms Snapshot() => new(Volatile.Read(ref _structured), Volatile.Read(ref _hermes), Volatile.Read(ref _ignored), Volatile.Read(ref _none));
}
