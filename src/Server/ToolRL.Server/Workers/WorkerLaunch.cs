namespace ToolRL.Server.Workers;

/// <summary>How to start one worker process: a program and its arguments (the same environment project, in worker mode).</summary>
/// <param name="FileName">The program, e.g. the project's apphost or <c>dotnet</c>.</param>
/// <param name="Arguments">Its arguments, ending in <c>serve --as-worker</c> and the scenario selection.</param>
public sealed record WorkerLaunch(string FileName, IReadOnlyList<string> Arguments)
{
    /// <summary>
    /// Relaunches the running program: its apphost directly, or <c>dotnet app.dll</c> when it runs under the
    /// <c>dotnet</c> host. <paramref name="arguments"/> follow.
    /// </summary>
    public static WorkerLaunch OfCurrentProcess(IReadOnlyList<string> arguments)
    {
        var process = System.Environment.ProcessPath
            ?? throw new InvalidOperationException("cannot tell which program is running, so worker processes cannot be started; use --workers 0");
        var underDotnet = Path.GetFileNameWithoutExtension(process).Equals("dotnet", StringComparison.OrdinalIgnoreCase);
        var entry = System.Reflection.Assembly.GetEntryAssembly()?.Location;
        if (underDotnet && string.IsNullOrEmpty(entry))
            throw new InvalidOperationException("the entry assembly has no file location, so worker processes cannot be started; use --workers 0");
        return new WorkerLaunch(process, underDotnet ? [entry!, .. arguments] : arguments);
    }
}
