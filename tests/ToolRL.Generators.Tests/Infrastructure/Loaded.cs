using System.Reflection;

namespace GeneratorTests.Infrastructure;

/// <summary>Reflection access to a compiled spec's probe class (test-side only; generated code uses no reflection).</summary>
public sealed class Loaded(Assembly assembly, string probeType)
{
    private readonly Type _probe = assembly.GetType(probeType) ?? throw new InvalidOperationException($"{probeType} not found");

    public T Call<T>(string method, params object?[] arguments) =>
        (T)_probe.GetMethod(method)!.Invoke(null, arguments)!;

    public T Get<T>(string property) => (T)_probe.GetProperty(property)!.GetValue(null)!;

    /// <summary>Compiles the specs with the generator, asserts a clean build, and loads the result.</summary>
    public static Loaded Compile(string probeType, string[] sources, params (string Path, string Text)[] additionalFiles)
    {
        var run = GeneratorHarness.Run(sources, Microsoft.CodeAnalysis.DocumentationMode.Diagnose, additionalFiles);
        var problems = run.GeneratorDiagnostics.Concat(run.CompilationProblems).ToList();
        if (problems.Count > 0)
            throw new InvalidOperationException("Spec did not compile cleanly:\n" + string.Join("\n", problems));
        return new Loaded(run.Load(), probeType);
    }
}
