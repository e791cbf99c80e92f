namespace ToolRL.Samples.Common;

/// <summary>
/// FNV-1a over UTF-16 code units. Sample tools derive "plausible" values (weather, order ids) from it
/// because <see cref="string.GetHashCode()"/> is randomized per process and would break reproducibility.
/// </summary>
public static class StableHash
{
    /// <summary>A 32-bit hash of the parts, joined with a separator that cannot occur in normal text.</summary>
    public static uint Of(params string[] parts)
    {
        var hash = 2166136261u;
        foreach (var part in parts)
        {
            foreach (var c in part)
            {
                hash = (hash ^ c) * 16777619u;
            }
            hash = (hash ^ 0x1F) * 16777619u;
        }
        return hash;
    }
}
