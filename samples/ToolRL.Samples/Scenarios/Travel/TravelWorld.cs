using System.Globalization;
using ToolRL.Samples.Common;

namespace ToolRL.Samples.Scenarios.Travel;

/// <summary>
/// The local implementation of <see cref="ITravel"/> over <see cref="TravelData"/>. Stateless and
/// deterministic: forecasts come from each city's climate plus noise seeded by (city, date).
/// Names are matched case-insensitively; an unknown name throws with a message naming it, which the
/// environment turns into error feedback.
/// </summary>
public sealed class TravelWorld : ITravel
{
    private static readonly Dictionary<string, Country> CountriesByName =
        TravelData.Countries.ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);

    private static readonly Dictionary<string, City> CitiesByName =
        TravelData.Cities.ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);

    private static readonly string[] DryConditions = ["sunny", "partly cloudy", "cloudy"];
    private static readonly string[] WetConditions = ["light rain", "rain", "thunderstorms"];

    /// <inheritdoc />
    public string GetCapital(string country) => FindCountry(country).Capital;

    /// <inheritdoc />
    public string GetLargestCity(string country) => FindCountry(country).LargestCity;

    /// <inheritdoc />
    public string GetCurrency(string country) => FindCountry(country).Currency;

    /// <inheritdoc />
    public Forecast GetForecast(string city, DateOnly date, TemperatureUnit unit = TemperatureUnit.Celsius)
    {
        var place = FindCity(city);
        var seed = StableHash.Of(place.Name, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

        // The warmest day is mid-July in the north and mid-January in the south.
        var warmestDay = place.Latitude >= 0 ? 196 : 15;
        var season = Math.Cos(2 * Math.PI * (date.DayOfYear - warmestDay) / 365.25);
        var noise = (int)(seed % 7) - 3;
        var highC = (int)Math.Round(place.MeanHigh + place.SeasonalSwing * season) + noise;
        var lowC = highC - 5 - (int)(seed / 7 % 5);

        var roll = seed / 35 % 100 / 100.0;
        var pick = (int)(seed / 3500 % 3);
        var condition = roll < place.Wetness
            ? (highC <= 1 ? "snow" : WetConditions[pick])
            : DryConditions[pick];

        return unit == TemperatureUnit.Fahrenheit
            ? new Forecast(place.Name, date, condition, ToFahrenheit(highC), ToFahrenheit(lowC), unit)
            : new Forecast(place.Name, date, condition, highC, lowC, unit);
    }

    /// <inheritdoc />
    public Money ConvertCurrency(decimal amount, string from, string to)
    {
        var fromRate = FindRate(from);
        var toRate = FindRate(to);
        var converted = Math.Round(amount / fromRate * toRate, 2, MidpointRounding.AwayFromZero);
        return new Money(converted, to.ToUpperInvariant());
    }

    /// <inheritdoc />
    public double GetDistance(string fromCity, string toCity)
    {
        var a = FindCity(fromCity);
        var b = FindCity(toCity);
        return Math.Round(GreatCircleKm(a.Latitude, a.Longitude, b.Latitude, b.Longitude), 1);
    }

    /// <inheritdoc />
    public string EstimateFlightDuration(double distanceKm)
    {
        if (double.IsNaN(distanceKm) || distanceKm <= 0 || distanceKm > 21000)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"distanceKm must be between 0 and 21000 km, got {distanceKm}"));

        // 30 minutes of taxi, climb and descent plus cruise at 800 km/h.
        var minutes = (int)Math.Round(30 + distanceKm / 800.0 * 60);
        // The distance is echoed so that flights of different lengths never read the same.
        return string.Create(CultureInfo.InvariantCulture, $"{minutes / 60} h {minutes % 60:00} min for {distanceKm:0.0} km");
    }

    private static Country FindCountry(string name) =>
        CountriesByName.TryGetValue(name.Trim(), out var country)
            ? country
            : throw new ArgumentException($"no country named '{name}' in the travel data");

    private static City FindCity(string name) =>
        CitiesByName.TryGetValue(name.Trim(), out var city)
            ? city
            : throw new ArgumentException($"no city named '{name}' in the travel data");

    private static decimal FindRate(string currency) =>
        TravelData.UnitsPerDollar.TryGetValue(currency.Trim(), out var rate)
            ? rate
            : throw new ArgumentException($"no exchange rate for currency '{currency}'");

    private static int ToFahrenheit(int celsius) => (int)Math.Round(celsius * 9 / 5.0 + 32);

    private static double GreatCircleKm(double lat1, double lon1, double lat2, double lon2)
    {
        const double earthRadiusKm = 6371.0;
        static double Radians(double degrees) => degrees * Math.PI / 180;
        var dLat = Radians(lat2 - lat1);
        var dLon = Radians(lon2 - lon1);
        var h = Math.Sin(dLat / 2) * Math.Sin(dLat / 2) +
                Math.Cos(Radians(lat1)) * Math.Cos(Radians(lat2)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * earthRadiusKm * Math.Asin(Math.Sqrt(h));
    }
}
