using ToolRL.Environments;
using ToolRL.Runtime.Tests.Scenario;

namespace ToolRL.Server.Tests.Support;

/// <summary>
/// What the test servers serve: the Runtime tests' scenario ("test": capitals, weather, a stateful cart, a
/// throwing tool) and the crash scenario. The worker program (Program.cs) serves the same list.
/// </summary>
public static class ServedTestEnvironments
{
    public static ToolEnvironment<ITestTools> Test { get; } = TestEnvironments.Create();

    public static ToolEnvironment<ICrashTools> Crash { get; } = new(new CrashScenario(), () => new CrashWorld());

    public static IReadOnlyList<IToolEnvironment> All { get; } = [Test, Crash];
}
