namespace ToolRL.Samples.Scenarios.Travel;

/// <summary>One day's forecast. City and date are echoed so that forecasts for different calls never coincide.</summary>
/// <param name="City">The city.</param>
/// <param name="Date">The day.</param>
/// <param name="Condition">Sky and precipitation, e.g. "light rain".</param>
/// <param name="High">Daily high in <paramref name="Unit"/>.</param>
/// <param name="Low">Daily low in <paramref name="Unit"/>.</param>
/// <param name="Unit">The temperature unit.</param>
public sealed record Forecast(string City, DateOnly Date, string Condition, int High, int Low, TemperatureUnit Unit);
