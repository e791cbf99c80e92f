namespace ToolRL.Cli;

/// <summary>
/// The modules <see cref="ToolRLApp.RunAsync"/> adds when it is not given any. ToolRL.Sdk registers the Trainer's from
/// a module initializer it compiles into a project that trains (<c>ToolRLTraining</c> not <c>false</c>), so the
/// project's <c>Program.cs</c> stays one line either way. Explicit registration, no assembly scanning (NativeAOT-safe).
/// </summary>
public static class CliModules
{
    private static readonly object Gate = new();
    private static ICliModule[] _registered = [];

    /// <summary>The registered modules, in registration order.</summary>
    public static IReadOnlyList<ICliModule> Registered => Volatile.Read(ref _registered);

    /// <summary>Adds <paramref name="module"/>; registering the same instance again does nothing.</summary>
    public static void Register(ICliModule module)
    {
        ArgumentNullException.ThrowIfNull(module);
        lock (Gate)
        {
            if (!_registered.Contains(module))
                Volatile.Write(ref _registered, [.. _registered, module]);
        }
    }
}
