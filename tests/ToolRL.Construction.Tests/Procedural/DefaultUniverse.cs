using ToolRL.Construction.Procedural;

namespace Construction.Tests.Procedural;

/// <summary>The universe at the default options, generated once for the tests that read it.</summary>
internal static class DefaultUniverse
{
    private static readonly Lazy<ProceduralUniverse> Universe = new(() => ProceduralUniverse.Generate());

    public static ProceduralUniverse Value => Universe.Value;

    /// <summary>The repository root (the folder holding ToolRL.Sdk.sln), for reading the targets' sources.</summary>
    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "ToolRL.Sdk.sln")))
                    return dir.FullName;
            }
            throw new InvalidOperationException("ToolRL.Sdk.sln not found above the test folder.");
        }
    }
}
