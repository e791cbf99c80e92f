using ToolRL.Server;
using ToolRL.Server.Tests.Support;

namespace ToolRL.Server.Tests;

/// <summary>
/// The test assembly's entry point, used only as a program: the worker tests start it as
/// <c>dotnet ToolRL.Server.Tests.dll serve --as-worker</c>, and the signal test as a whole server. The test
/// runner loads the assembly as a library and never calls this.
/// </summary>
public static class Program
{
    public static Task<int> Main(string[] args) => ServeCommand.RunAsync(args, ServedTestEnvironments.All);
}
