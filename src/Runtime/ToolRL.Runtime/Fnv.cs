namespace ToolRL;

/// <summary>64-bit FNV-1a: stable across runs and platforms (unlike string.GetHashCode), for ids and splits.</summary>
internal static class Fnv
{
    public const ulong Offset = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    public static ulong Add(ulong hash, string text)
    {
        foreach (var ch in text)
        {
            hash ^= ch;
            hash *= Prime;
        }
        hash ^= 0xFF; // separator so ("ab","c") and ("a","bc") differ
        hash *= Prime;
        return hash;
    }

    public static ulong Of(string text) => Add(Offset, text);
}
