namespace ToolRL.Samples.Scenarios.Travel;

/// <summary>Trip planning: capitals, largest cities, currencies, weather forecasts, distances and flight times.</summary>
[Scenario("travel")]
public partial interface ITravel
{
    /// <summary>Returns the capital city of a country.</summary>
    /// <param name="country">Country name in English, e.g. "France".</param>
    [Tool(Phrase = "the capital of {country}")]
    string GetCapital(string country);

    /// <summary>Returns the most populous city of a country (city proper).</summary>
    /// <param name="country">Country name in English, e.g. "Australia".</param>
    [Tool(Phrase = "the largest city of {country}")]
    string GetLargestCity(string country);

    /// <summary>Returns the ISO 4217 code of the currency used in a country.</summary>
    /// <param name="country">Country name in English, e.g. "Japan".</param>
    [Tool(Phrase = "the currency of {country}")]
    string GetCurrency(string country);

    /// <summary>Weather forecast for a city on a date: condition and daily high and low temperatures.</summary>
    /// <param name="city">City name in English, e.g. "Tokyo".</param>
    /// <param name="date">The day of the forecast.</param>
    /// <param name="unit">Unit of the temperatures.</param>
    [Tool(Phrase = "the weather forecast for {city} on {date}")]
    Forecast GetForecast(string city, DateOnly date, TemperatureUnit unit = TemperatureUnit.Celsius);

    /// <summary>Converts an amount of money between two currencies at today's reference rates.</summary>
    /// <param name="amount">The amount in the source currency.</param>
    /// <param name="from">ISO 4217 code of the source currency, e.g. "USD".</param>
    /// <param name="to">ISO 4217 code of the target currency, e.g. "JPY".</param>
    [Tool(Phrase = "the value of {amount} {from} in {to}")]
    Money ConvertCurrency(decimal amount, string from, string to);

    /// <summary>Great-circle distance between two cities in kilometres, to one decimal.</summary>
    /// <param name="fromCity">First city, e.g. "Paris".</param>
    /// <param name="toCity">Second city, e.g. "Tokyo".</param>
    [Tool(Phrase = "the distance between {fromCity} and {toCity}")]
    double GetDistance(string fromCity, string toCity);

    /// <summary>Estimated duration of a direct flight over a distance, including taxi and climb; echoes the distance.</summary>
    /// <param name="distanceKm">The flight distance in kilometres.</param>
    [Tool(Phrase = "the flight time over {distanceKm} km")]
    string EstimateFlightDuration(double distanceKm);
}
