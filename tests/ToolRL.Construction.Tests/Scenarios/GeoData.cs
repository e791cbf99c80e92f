namespace Construction.Tests.Scenarios;

/// <summary>The facts behind the geo scenario: countries, capitals, cities, mayors.</summary>
public sealed class GeoData
{
    public Dictionary<string, string> Capital { get; } = [];
    public Dictionary<string, string> Currency { get; } = [];
    public Dictionary<string, long> Population { get; } = [];
    public Dictionary<string, long> Area { get; } = [];
    public Dictionary<string, string> Mayor { get; } = [];
    public Dictionary<string, int> BirthYear { get; } = [];
    public Dictionary<string, int> Temperature { get; } = [];

    /// <summary>Twelve real-looking countries (values invented, deterministic).</summary>
    public static GeoData Small()
    {
        string[] countries = ["Japan", "France", "Peru", "Kenya", "Canada", "Italy", "Norway", "Chile", "Egypt", "India", "Spain", "Ghana"];
        string[] capitals = ["Tokyo", "Paris", "Lima", "Nairobi", "Ottawa", "Rome", "Oslo", "Santiago", "Cairo", "New Delhi", "Madrid", "Accra"];
        string[] currencies = ["yen", "euro", "sol", "shilling", "dollar", "euro", "krone", "peso", "pound", "rupee", "euro", "cedi"];
        string[] mayors = ["Aiko Sato", "Anne Morel", "Rosa Quispe", "Joel Otieno", "Mark Leblanc", "Giulia Conti", "Erik Dahl", "Ana Soto", "Omar Said", "Ravi Iyer", "Lucia Vega", "Kofi Mensah"];
        return Build(countries, capitals, currencies, mayors);
    }

    /// <summary>A synthetic world of <paramref name="count"/> countries with generated names, for volume.</summary>
    public static GeoData Synthetic(int count)
    {
        string[] syllables = ["ka", "lo", "mi", "ra", "ten", "vo", "su", "dar", "el", "no", "pri", "zu", "ban", "ti", "or", "wa"];
        string Name(int i, int salt)
        {
            var x = (uint)(i * 2654435761u + salt * 40503u);
            var s = syllables[x % 16] + syllables[(x >> 4) % 16] + syllables[(x >> 8) % 16] + (i + salt * count).ToString("x");
            return char.ToUpperInvariant(s[0]) + s[1..];
        }
        var countries = Enumerable.Range(0, count).Select(i => Name(i, 1)).ToArray();
        var capitals = Enumerable.Range(0, count).Select(i => Name(i, 2) + " City").ToArray();
        var currencies = Enumerable.Range(0, count).Select(i => Name(i, 3).ToLowerInvariant() + " mark").ToArray();
        var mayors = Enumerable.Range(0, count).Select(i => Name(i, 4) + " " + Name(i, 5)).ToArray();
        return Build(countries, capitals, currencies, mayors);
    }

    private static GeoData Build(string[] countries, string[] capitals, string[] currencies, string[] mayors)
    {
        var data = new GeoData();
        for (var i = 0; i < countries.Length; i++)
        {
            data.Capital[countries[i]] = capitals[i];
            data.Currency[countries[i]] = currencies[i];
            data.Population[capitals[i]] = 100_000 + i * 7_919L * 13;
            data.Area[capitals[i]] = 1_000 + i * 37L;
            data.Mayor[capitals[i]] = mayors[i];
            data.BirthYear[mayors[i]] = 1950 + i % 40;
            data.Temperature[capitals[i]] = 5 + i % 25;
        }
        return data;
    }
}
