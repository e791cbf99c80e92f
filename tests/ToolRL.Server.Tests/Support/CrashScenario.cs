using System.Text.Json;
using ToolRL.Environments;
using ToolRL.Tasks;
using ToolRL.Tools;

namespace ToolRL.Server.Tests.Support;

/// <summary>Tools of the crash test environment: one that behaves, one that recurses until the stack overflows.</summary>
public interface ICrashTools
{
    string Echo(string text);
    string Recurse(int depth);
}

public sealed class CrashWorld : ICrashTools
{
    public string Echo(string text) => text;

    // Unbounded recursion: a StackOverflowException, which .NET cannot catch; it ends the process that runs it.
    public string Recurse(int depth) => depth < 0 ? "never" : Recurse(depth + 1) + "!";
}

/// <summary>A hand-written scenario (as the generator would emit) for <see cref="ICrashTools"/>.</summary>
public sealed class CrashScenario : IScenario<ICrashTools>
{
    public static readonly TaskDescriptor<ICrashTools> EchoHello = new(
        "crash/EchoHello", "Echo the word hello.", [new GoldenCallSpec(0, "echo", [])], t => t.Echo("hello"));

    public string Name => "crash";
    public string Description => "A well-behaved echo and a tool that overflows the stack.";
    public IReadOnlyList<ToolDefinition> Tools { get; } =
    [
        new("echo", "Returns its text.", """{"type":"object","properties":{"text":{"type":"string"}},"required":["text"]}"""),
        new("recurse", "Recurses forever.", """{"type":"object","properties":{"depth":{"type":"integer"}},"required":["depth"]}"""),
    ];
    public IReadOnlyList<ToolSignature> Signatures => [];
    public IReadOnlyList<ToolFact> Facts => [];
    public string Markdown => "# crash";
    public IReadOnlyList<TaskDescriptor<ICrashTools>> Tasks { get; } = [EchoHello];
    public Func<ICrashTools>? LocalImplementation => null;

    public ICrashTools CreateRecorder(ICrashTools inner, GoldenRecorder recorder) => new Recording(inner, recorder);

    public ToolResult Invoke(ICrashTools tools, string toolName, JsonElement arguments, CancellationToken cancellationToken) => toolName switch
    {
        "echo" when arguments.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String => ToolResult.Ok(tools.Echo(t.GetString()!)),
        "recurse" when arguments.TryGetProperty("depth", out var d) && d.TryGetInt32(out var depth) => ToolResult.Ok(tools.Recurse(depth)),
        "echo" or "recurse" => ToolFeedback.InvalidArgument(toolName, toolName == "echo" ? "text" : "depth", toolName == "echo" ? "a string" : "an integer"),
        _ => ToolFeedback.UnknownTool(toolName),
    };

    private sealed class Recording(ICrashTools inner, GoldenRecorder recorder) : ICrashTools
    {
        public string Echo(string text)
        {
            var output = inner.Echo(text);
            recorder.Record("echo", "{\"text\":" + Json.Quote(text) + "}", output);
            return output;
        }

        public string Recurse(int depth) => inner.Recurse(depth);
    }
}
