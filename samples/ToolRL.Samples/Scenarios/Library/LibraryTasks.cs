namespace ToolRL.Samples.Scenarios.Library;

/// <summary>
/// Library tasks. The books and authors are fictional, so a model can only answer by calling the tools;
/// author and mentor links give chains up to three hops deep.
/// </summary>
public static partial class LibraryTasks
{
    // Single-hop.

    [Task("Who wrote Salt and Signal?")]
    internal static string AuthorOfSaltAndSignal(ILibrary l) => l.GetAuthor("Salt and Signal");

    [Task("In which year was Iron Meridian published?")]
    internal static int YearOfIronMeridian(ILibrary l) => l.GetPublicationYear("Iron Meridian");

    [Task("Where on the shelves can I find The Ninth Tide?")]
    internal static string ShelfOfTheNinthTide(ILibrary l) => l.GetShelfMark("The Ninth Tide");

    [Task("When was Wen Zhao born?")]
    internal static int BirthYearOfWenZhao(ILibrary l) => l.GetBirthYear("Wen Zhao");

    [Task("Who mentored Aroha Ngata?")]
    internal static string MentorOfArohaNgata(ILibrary l) => l.GetMentor("Aroha Ngata");

    // Parallel single-hop.

    [Task("Who wrote A Cartography of Rain, and who wrote Under the Copper Sky?")]
    internal static (string, string) AuthorsOfTwoBooks(ILibrary l) =>
        (l.GetAuthor("A Cartography of Rain"), l.GetAuthor("Under the Copper Sky"));

    [Task("Where do I find The Glass Orchard, The Weight of Feathers and Small Engines of Mercy on the shelves?")]
    internal static (string, string, string) ShelvesOfThreeBooks(ILibrary l) =>
        (l.GetShelfMark("The Glass Orchard"), l.GetShelfMark("The Weight of Feathers"), l.GetShelfMark("Small Engines of Mercy"));

    [Task("Which towns do Bastian Koller and Ines Solano come from?")]
    internal static (string, string) HometownsOfKollerAndSolano(ILibrary l) =>
        (l.GetHometown("Bastian Koller"), l.GetHometown("Ines Solano"));

    [Task("When were Notes from the Quiet Floor and The Lantern Keeper's Daughter published?")]
    internal static (int, int) YearsOfTwoBooks(ILibrary l) =>
        (l.GetPublicationYear("Notes from the Quiet Floor"), l.GetPublicationYear("The Lantern Keeper's Daughter"));

    [Task("When was Caspian Rowe born, and which town does Tobias Wren come from?")]
    internal static (int, string) RoweBirthYearAndWrenHometown(ILibrary l) =>
        (l.GetBirthYear("Caspian Rowe"), l.GetHometown("Tobias Wren"));

    // Multi-hop.

    [Task("When was the author of The Glass Orchard born?")]
    internal static int BirthYearOfGlassOrchardAuthor(ILibrary l) => l.GetBirthYear(l.GetAuthor("The Glass Orchard"));

    [Task("Which town does the author of Iron Meridian come from?")]
    internal static string HometownOfIronMeridianAuthor(ILibrary l) => l.GetHometown(l.GetAuthor("Iron Meridian"));

    [Task("Who mentored the author of The Weight of Feathers?")]
    internal static string MentorOfWeightOfFeathersAuthor(ILibrary l) => l.GetMentor(l.GetAuthor("The Weight of Feathers"));

    [Task("Which town does the mentor of the author of Salt and Signal come from?")]
    internal static string HometownOfSaltAndSignalAuthorsMentor(ILibrary l) =>
        l.GetHometown(l.GetMentor(l.GetAuthor("Salt and Signal")));

    [Task("In which year was the mentor of Delphine Arcand's mentor born?")]
    internal static int BirthYearOfArcandsGrandMentor(ILibrary l) =>
        l.GetBirthYear(l.GetMentor(l.GetMentor("Delphine Arcand")));

    // Parallel multi-hop.

    [Task("When were the authors of The Ninth Tide and of Small Engines of Mercy born?")]
    internal static (int, int) BirthYearsOfTwoAuthors(ILibrary l) =>
        (l.GetBirthYear(l.GetAuthor("The Ninth Tide")), l.GetBirthYear(l.GetAuthor("Small Engines of Mercy")));

    [Task("Which towns do the authors of A Cartography of Rain and Notes from the Quiet Floor come from?")]
    internal static (string, string) HometownsOfTwoAuthors(ILibrary l) =>
        (l.GetHometown(l.GetAuthor("A Cartography of Rain")), l.GetHometown(l.GetAuthor("Notes from the Quiet Floor")));

    [Task("Who wrote Under the Copper Sky, and who mentored the author of Iron Meridian?")]
    internal static (string, string) CopperSkyAuthorAndIronMeridianMentor(ILibrary l) =>
        (l.GetAuthor("Under the Copper Sky"), l.GetMentor(l.GetAuthor("Iron Meridian")));

    [Task("When was the author of The Lantern Keeper's Daughter born, and when was the book published?")]
    internal static (int, int) LanternKeeperAuthorBirthAndPublication(ILibrary l) =>
        (l.GetBirthYear(l.GetAuthor("The Lantern Keeper's Daughter")), l.GetPublicationYear("The Lantern Keeper's Daughter"));

    [Task("Who mentored the authors of Salt and Signal and of The Glass Orchard?")]
    internal static (string, string) MentorsOfTwoAuthors(ILibrary l) =>
        (l.GetMentor(l.GetAuthor("Salt and Signal")), l.GetMentor(l.GetAuthor("The Glass Orchard")));
}
