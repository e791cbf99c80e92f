namespace ToolRL.Samples.Scenarios.Library;

/// <summary>
/// The catalog of the Larkspur Public Library: books with their authors, publication years and shelf marks,
/// and the authors' birth years, hometowns and mentors.
/// </summary>
/// <remarks>
/// The books and authors are fictional, so only the tools know the answers. Built from facts only: the
/// generator writes the implementation from the <see cref="ToolFactAttribute"/>s below and library-facts.json,
/// answering "no such record" for anything else. Every relation is one-to-one, so a wrong look-up never
/// returns the right answer by accident.
/// </remarks>
[Scenario("library")]
[FactsFile("library-facts.json")]
[ToolFact(nameof(ILibrary.GetPublicationYear), 1987, "The Glass Orchard")]
[ToolFact(nameof(ILibrary.GetPublicationYear), 2003, "Salt and Signal")]
[ToolFact(nameof(ILibrary.GetPublicationYear), 1995, "A Cartography of Rain")]
[ToolFact(nameof(ILibrary.GetPublicationYear), 1979, "The Lantern Keeper's Daughter")]
[ToolFact(nameof(ILibrary.GetPublicationYear), 2011, "Iron Meridian")]
[ToolFact(nameof(ILibrary.GetPublicationYear), 2016, "Notes from the Quiet Floor")]
[ToolFact(nameof(ILibrary.GetPublicationYear), 1999, "The Ninth Tide")]
[ToolFact(nameof(ILibrary.GetPublicationYear), 2008, "Small Engines of Mercy")]
[ToolFact(nameof(ILibrary.GetPublicationYear), 1991, "Under the Copper Sky")]
[ToolFact(nameof(ILibrary.GetPublicationYear), 2020, "The Weight of Feathers")]
[ToolFact(nameof(ILibrary.GetShelfMark), "F-THA-12", "The Glass Orchard")]
[ToolFact(nameof(ILibrary.GetShelfMark), "F-OKO-04", "Salt and Signal")]
[ToolFact(nameof(ILibrary.GetShelfMark), "P-ZHA-07", "A Cartography of Rain")]
[ToolFact(nameof(ILibrary.GetShelfMark), "F-VAN-21", "The Lantern Keeper's Daughter")]
[ToolFact(nameof(ILibrary.GetShelfMark), "SF-KOL-02", "Iron Meridian")]
[ToolFact(nameof(ILibrary.GetShelfMark), "NF-NGA-09", "Notes from the Quiet Floor")]
[ToolFact(nameof(ILibrary.GetShelfMark), "F-ROW-15", "The Ninth Tide")]
[ToolFact(nameof(ILibrary.GetShelfMark), "F-ARC-03", "Small Engines of Mercy")]
[ToolFact(nameof(ILibrary.GetShelfMark), "SF-WRE-11", "Under the Copper Sky")]
[ToolFact(nameof(ILibrary.GetShelfMark), "F-SOL-06", "The Weight of Feathers")]
public partial interface ILibrary
{
    /// <summary>Returns the author of a book in the catalog.</summary>
    /// <param name="title">The book's full title, e.g. "The Glass Orchard".</param>
    [Tool(Phrase = "the author of {title}")]
    string GetAuthor(string title);

    /// <summary>Returns the year a book was first published.</summary>
    /// <param name="title">The book's full title.</param>
    [Tool(Phrase = "the year {title} was published")]
    int GetPublicationYear(string title);

    /// <summary>Returns the shelf mark that locates a book in the library.</summary>
    /// <param name="title">The book's full title.</param>
    [Tool(Phrase = "the shelf mark of {title}")]
    string GetShelfMark(string title);

    /// <summary>Returns the year an author was born.</summary>
    /// <param name="author">The author's full name, e.g. "Wen Zhao".</param>
    [Tool(Phrase = "the birth year of {author}")]
    int GetBirthYear(string author);

    /// <summary>Returns the town an author comes from.</summary>
    /// <param name="author">The author's full name.</param>
    [Tool(Phrase = "the hometown of {author}")]
    string GetHometown(string author);

    /// <summary>Returns the full name of the older writer who mentored an author.</summary>
    /// <param name="author">The author's full name.</param>
    [Tool(Phrase = "the mentor of {author}")]
    string GetMentor(string author);
}
