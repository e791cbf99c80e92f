namespace WeatherDesk.Scenario;

/// <summary>A travel weather desk: which city an airport serves, and forecasts for cities.</summary>
[Scenario("weather-desk")]
public partial interface IWeatherDesk
{
    /// <summary>Returns the city that an airport serves.</summary>
    /// <param name="code">The airport's three-letter IATA code, e.g. "NRT".</param>
    [Tool(Phrase = "the city served by airport {code}")]
    string GetAirportCity(string code);

    /// <summary>Returns the weather forecast for a city on a date.</summary>
    /// <param name="city">City name in English, e.g. "Tokyo".</param>
    /// <param name="date">The day of the forecast.</param>
    [Tool(Phrase = "the weather in {city} on {date}")]
    string GetForecast(string city, DateOnly date);
}
