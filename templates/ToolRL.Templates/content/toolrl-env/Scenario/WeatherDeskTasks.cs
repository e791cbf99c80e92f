namespace WeatherDesk.Scenario;

/// <summary>
/// Tasks: each method body is the golden solution. The generator derives the sub-questions from the
/// calls (a call used as another call's argument is a hop) and checks rewards against their outputs.
/// </summary>
public static partial class WeatherDeskTasks
{
    [Task("Which city does the airport NRT serve?")]
    static string TokyoAirport(IWeatherDesk desk) => desk.GetAirportCity("NRT");

    [Task("Which cities do the airports CDG and JFK serve?")]
    static string[] TwoAirports(IWeatherDesk desk) => [desk.GetAirportCity("CDG"), desk.GetAirportCity("JFK")];

    [Task("What is the weather forecast for London on 2025-06-01?")]
    static string LondonWeather(IWeatherDesk desk) => desk.GetForecast("London", new DateOnly(2025, 6, 1));

    [Task("I land at SYD on 2025-07-14. What weather should I expect in the city that airport serves?")]
    static string WeatherAtArrival(IWeatherDesk desk) => desk.GetForecast(desk.GetAirportCity("SYD"), new DateOnly(2025, 7, 14));

    [Task("I fly from YVR to GRU on 2025-03-03. What is the weather in both cities that day?")]
    static string[] WeatherBothEnds(IWeatherDesk desk) =>
    [
        desk.GetForecast(desk.GetAirportCity("YVR"), new DateOnly(2025, 3, 3)),
        desk.GetForecast(desk.GetAirportCity("GRU"), new DateOnly(2025, 3, 3)),
    ];

    [Task("Which city does CPT serve, and what is the forecast there on 2025-12-24?")]
    static string[] CapeTownChristmas(IWeatherDesk desk)
    {
        var city = desk.GetAirportCity("CPT");
        return [city, desk.GetForecast(city, new DateOnly(2025, 12, 24))];
    }
}
