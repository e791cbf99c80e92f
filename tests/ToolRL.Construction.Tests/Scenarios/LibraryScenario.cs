using ToolRL;
using System.Globalization;
using System.Text.Json;
using ToolRL.Environments;
using ToolRL.Tasks;
using ToolRL.Tools;

namespace Construction.Tests.Scenarios;

/// <summary>A second, unrelated scenario: the source of distractor tools.</summary>
public interface ILibrary
{
    string FindAuthor(string title);
    int CountPages(string title);
}

public sealed class LibraryWorld : ILibrary
{
    private static readonly Dictionary<string, (string Author, int Pages)> Books = new()
    {
        ["Dune"] = ("Frank Herbert", 412),
        ["Emma"] = ("Jane Austen", 474),
        ["Ulysses"] = ("James Joyce", 730),
        ["Beloved"] = ("Toni Morrison", 324),
    };

    public static IEnumerable<string> Titles => Books.Keys;
    public string FindAuthor(string title) => Books.TryGetValue(title, out var b) ? b.Author : $"no book titled {title}";
    public int CountPages(string title) => Books.TryGetValue(title, out var b) ? b.Pages : 0;
}

public sealed class LibraryScenario : IScenario<ILibrary>
{
    private static readonly ToolParameter Title = new("title", "string", "string", true, "Book title.");
    public string Name => "library";
    public string Description => "Books and authors.";
    public IReadOnlyList<ToolSignature> Signatures { get; } =
    [
        new("find_author", "FindAuthor", "the author of {title}", [Title], "string"),
        new("count_pages", "CountPages", "the page count of {title}", [Title], "int"),
    ];
    public IReadOnlyList<ToolDefinition> Tools { get; } =
    [
        new("find_author", "Finds the author of a book.", """{"type":"object","properties":{"title":{"type":"string"}},"required":["title"]}"""),
        new("count_pages", "Counts the pages of a book.", """{"type":"object","properties":{"title":{"type":"string"}},"required":["title"]}"""),
    ];
    public IReadOnlyList<ToolFact> Facts { get; } = LibraryWorld.Titles.Select(t => new ToolFact("find_author", "{\"title\":" + Json.Quote(t) + "}", new LibraryWorld().FindAuthor(t))).ToArray();
    public string Markdown => "# library";
    public IReadOnlyList<TaskDescriptor<ILibrary>> Tasks => [];
    public Func<ILibrary>? LocalImplementation => () => new LibraryWorld();

    public ToolResult Invoke(ILibrary tools, string toolName, JsonElement arguments, CancellationToken cancellationToken) => toolName switch
    {
        "find_author" => ArgumentReader.Check(toolName, arguments, "title") ?? ToolResult.Ok(tools.FindAuthor(ArgumentReader.S(arguments, "title"))),
        "count_pages" => ArgumentReader.Check(toolName, arguments, "title") ?? ToolResult.Ok(tools.CountPages(ArgumentReader.S(arguments, "title")).ToString(CultureInfo.InvariantCulture)),
        _ => ToolFeedback.UnknownTool(toolName),
    };

    public ILibrary CreateRecorder(ILibrary inner, GoldenRecorder recorder) =>
        throw new NotSupportedException("Construction tests do not record authored tasks.");
}
