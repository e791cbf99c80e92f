using System.Text;
using System.Text.Json;

namespace ToolRL.Serialization;

/// <summary>
/// The last few argument names read on this thread, with their UTF-8 bytes: a property whose name equals one is
/// given that string, so the generated dispatchers' name switch costs no new string per argument (a tool has a few
/// parameters, and every call names them again). Only ASCII names are kept: the unescaped bytes of a name that
/// .NET cannot hold (an escaped lone surrogate) can never equal them, so that name still fails as before.
/// </summary>
internal static class RecentArgumentNames
{
    private const int Slots = 16;
    private const int MaxLength = 64;

    [ThreadStatic]
    private static (string Name, byte[] Utf8)[]? t_names;

    [ThreadStatic]
    private static int t_next;

    public static bool TryFind(JsonProperty property, out string name)
    {
        var names = t_names;
        if (names is not null)
        {
            try
            {
                return TryFind(names, property, out name);
            }
            catch (InvalidOperationException)
            {
                // An escaped lone surrogate cannot be unescaped for the comparison: the caller's Name read fails too.
            }
        }
        name = null!;
        return false;
    }

    private static bool TryFind((string Name, byte[] Utf8)[] names, JsonProperty property, out string name)
    {
        foreach (var (recent, utf8) in names)
        {
            if (recent is null)
                break; // filled in order: no later slot is set yet
            if (property.NameEquals(utf8))
            {
                name = recent;
                return true;
            }
        }
        name = null!;
        return false;
    }

    public static void Remember(string name)
    {
        if (name.Length > MaxLength || !Ascii.IsValid(name))
            return;
        var names = t_names ??= new (string, byte[])[Slots];
        names[t_next] = (name, Encoding.ASCII.GetBytes(name));
        t_next = (t_next + 1) % Slots;
    }
}
