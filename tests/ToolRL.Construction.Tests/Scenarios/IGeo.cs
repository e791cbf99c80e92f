namespace Construction.Tests.Scenarios;

public enum TemperatureUnit { Celsius, Fahrenheit }

/// <summary>Geography: a hand-written stand-in for a generated scenario interface.</summary>
public interface IGeo
{
    string GetCapital(string country);
    string GetCurrency(string country);
    long GetPopulation(string city);
    long GetArea(string city);
    string GetMayor(string city);
    int GetBirthYear(string person);
    string GetWeather(string city, TemperatureUnit unit);
}

/// <summary>The deterministic local implementation over <see cref="GeoData"/>; counts its calls (state per instance).</summary>
public sealed class GeoWorld(GeoData data) : IGeo
{
    public int Calls { get; private set; }
    public string GetCapital(string country) => Hit(data.Capital.TryGetValue(country, out var v) ? v : $"no capital on record for {country}");
    public string GetCurrency(string country) => Hit(data.Currency.TryGetValue(country, out var v) ? v : $"no currency on record for {country}");
    public long GetPopulation(string city) { Calls++; return data.Population.TryGetValue(city, out var v) ? v : 0; }
    public long GetArea(string city) { Calls++; return data.Area.TryGetValue(city, out var v) ? v : 0; }
    public string GetMayor(string city) => Hit(data.Mayor.TryGetValue(city, out var v) ? v : $"no mayor on record for {city}");
    public int GetBirthYear(string person) { Calls++; return data.BirthYear.TryGetValue(person, out var v) ? v : 0; }
    public string GetWeather(string city, TemperatureUnit unit)
    {
        Calls++;
        if (!data.Temperature.TryGetValue(city, out var c))
            return $"no forecast for {city}";
        return unit == TemperatureUnit.Celsius ? $"sunny, {c} °C" : $"sunny, {c * 9 / 5 + 32} °F";
    }

    private string Hit(string value) { Calls++; return value; }
}
