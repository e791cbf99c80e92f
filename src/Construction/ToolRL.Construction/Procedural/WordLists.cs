namespace ToolRL.Construction.Procedural;

/// <summary>
/// The vocabulary of the procedural universe: common English words (pieces Qwen3's first merges build, so the generic
/// restricted tokenizer covers them), chosen apart from the sample and template environments' words so that a base
/// trained here has never seen a target's tools or entities (the Construction tests prove the disjointness). The lists
/// are disjoint from each other and no word contains another, so no entity name is a substring of another one.
/// </summary>
internal static class WordLists
{
    /// <summary>Leading verbs of tool names (<c>trace_meadow_falcon</c>) and of their descriptions.</summary>
    public static readonly string[] Verbs =
    [
        "trace", "consult", "survey", "recall", "chart", "inspect", "reveal", "appraise",
        "summon", "decode", "probe", "sketch", "gauge", "fathom", "scout", "unveil",
    ];

    /// <summary>Named entity kinds: parameter names and the nouns of tool names and phrases.</summary>
    public static readonly string[] NamedKinds =
    [
        "meadow", "falcon", "glacier", "beacon", "quarry", "canyon", "thistle", "galleon",
        "sentinel", "spindle", "tapestry", "harbor", "pilgrim", "monastery", "vineyard", "lighthouse",
        "caravan", "fortress", "alchemist", "minstrel", "oracle", "herald", "garrison", "chapel",
    ];

    /// <summary>Numeric entity kinds: integer parameters named <c>{kind}_number</c>.</summary>
    public static readonly string[] NumberedKinds = ["ledger", "locker", "voucher", "dossier", "parcel", "permit", "ticket", "receipt"];

    /// <summary>First words of entity names (<c>Amber Heron</c>).</summary>
    public static readonly string[] EntityAdjectives =
    [
        "amber", "cobalt", "crimson", "ivory", "jade", "onyx", "russet", "saffron",
        "scarlet", "topaz", "umber", "violet", "velvet", "marble", "golden", "silent",
        "hollow", "misty", "frosty", "lunar", "solar", "rustic", "gentle", "brave",
    ];

    /// <summary>Second words of entity names.</summary>
    public static readonly string[] EntityNouns =
    [
        "heron", "thimble", "anvil", "fennel", "otter", "marten", "juniper", "sparrow",
        "walrus", "badger", "quill", "acorn", "pebble", "minnow", "cedar", "bramble",
        "lichen", "hazel", "puffin", "ferret", "tulip", "comet", "magpie", "nutmeg",
    ];

    /// <summary>Phrase patterns of a tool: <c>{0}</c> is the target kind, <c>{1}</c> the source parameter's hole.</summary>
    public static readonly string[] Phrases =
    [
        "the {0} of {1}",
        "the {0} linked to {1}",
        "the {0} paired with {1}",
        "the {0} assigned to {1}",
        "the {0} that belongs to {1}",
    ];

    /// <summary>
    /// Phrase patterns of a tool whose parameter is a number: a bare number reads oddly after "of", and a pattern that
    /// names the kind ("of locker {n}") would read "of locker the locker number of …" once a chain nests a phrase.
    /// </summary>
    public static readonly string[] NumberPhrases =
    [
        "the {0} filed under {1}",
        "the {0} registered under {1}",
        "the {0} listed under {1}",
    ];

    /// <summary>The most kinds a scenario can have: one numbered kind and the named ones.</summary>
    public static int MaxKindsPerScenario => NamedKinds.Length + 1;

    /// <summary>How many distinct entity names the lists give.</summary>
    public static int EntityNameCapacity => EntityAdjectives.Length * EntityNouns.Length;

    /// <summary>Every word of every list, for the disjointness checks.</summary>
    public static IEnumerable<string> All => Verbs.Concat(NamedKinds).Concat(NumberedKinds).Concat(EntityAdjectives).Concat(EntityNouns);
}
