namespace WeatherDesk.Scenario;

/// <summary>
/// The local implementation the environment runs: deterministic, no network, so rewards are stable.
/// Each episode gets a fresh instance.
/// </summary>
public sealed class WeatherDeskWorld : IWeatherDesk
{
    private static readonly Dictionary<string, string> Airports = new(StringComparer.OrdinalIgnoreCase)
    {
        ["NRT"] = "Tokyo", ["CDG"] = "Paris", ["JFK"] = "New York", ["LHR"] = "London",
        ["SYD"] = "Sydney", ["GRU"] = "Sao Paulo", ["CPT"] = "Cape Town", ["YVR"] = "Vancouver",
    };

    private static readonly string[] Skies = ["sunny", "cloudy", "rainy", "windy", "snowy", "foggy"];

    /// <inheritdoc />
    public string GetAirportCity(string code) =>
        Airports.TryGetValue(code, out var city) ? city : $"No airport with code '{code}'.";

    /// <inheritdoc />
    public string GetForecast(string city, DateOnly date)
    {
        // A stable pseudo-forecast from the city and the date: same call, same answer in every process
        // (string.GetHashCode is randomized per process, so FNV-1a is used instead).
        var seed = 2166136261u;
        foreach (var c in city.ToUpperInvariant())
            seed = unchecked((seed ^ c) * 16777619u);
        seed = unchecked((seed ^ (uint)date.DayNumber) * 16777619u);
        var sky = Skies[seed % (uint)Skies.Length];
        var high = 5 + (int)(seed / 7 % 25);
        // No ", " in outputs: the reference answer check splits gold answers on it.
        return $"{sky} with a high of {high} °C";
    }
}
