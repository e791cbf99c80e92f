namespace ToolRL;

/// <summary>
/// One fact of a facts-only scenario (named ToolFact, not Fact, so it never collides with xunit's <c>[Fact]</c>): the tool <paramref name="tool"/> (the interface method's name)
/// returns <paramref name="result"/> when called with <paramref name="arguments"/> (in parameter order).
/// When a scenario interface carries facts and no implementation is written, the generator emits
/// a local implementation that answers from the facts and gives a deterministic "no such record"
/// answer for any other arguments.
/// </summary>
[AttributeUsage(AttributeTargets.Interface, AllowMultiple = true, Inherited = false)]
public sealed class ToolFactAttribute(string tool, object? result, params object?[] arguments) : Attribute
{
    /// <summary>Name of the interface method the fact belongs to.</summary>
    public string Tool { get; } = tool;

    /// <summary>The value the tool returns for <see cref="Arguments"/>.</summary>
    public object? Result { get; } = result;

    /// <summary>The arguments, in the method's parameter order.</summary>
    public object?[] Arguments { get; } = arguments;
}

/// <summary>
/// Facts for a facts-only scenario from a JSON file passed to the compiler as an <c>AdditionalFiles</c> item:
/// <c>{ "ToolMethodName": [ { "args": { "param": value, ... }, "result": value }, ... ] }</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Interface, AllowMultiple = true, Inherited = false)]
public sealed class FactsFileAttribute(string fileName) : Attribute
{
    /// <summary>File name (not path) of the AdditionalFiles item that holds the facts.</summary>
    public string FileName { get; } = fileName;
}
