namespace ToolRL.Parsing;

/// <summary>
/// The last few tool names parsed on this thread, so a name the model writes again (an environment has a handful of
/// tools) costs no new string per call.
/// </summary>
internal static class RecentNames
{
    private const int Slots = 16;
    private const int MaxLength = 64;

    [ThreadStatic]
    private static string[]? t_names;

    [ThreadStatic]
    private static int t_next;

    /// <summary>A string equal to <paramref name="name"/>: a recent one when it matches, else a new one remembered.</summary>
    public static string Get(ReadOnlySpan<char> name)
    {
        if (name.Length > MaxLength)
            return name.ToString();
        var names = t_names ??= new string[Slots];
        foreach (var recent in names)
        {
            if (recent is null)
                break; // filled in order: no later slot is set yet
            if (name.SequenceEqual(recent))
                return recent;
        }
        var text = name.ToString();
        names[t_next] = text;
        t_next = (t_next + 1) % Slots;
        return text;
    }
}
