namespace ToolRL.Samples.Scenarios.Travel;

/// <summary>A city of the travel data with what the forecast model needs.</summary>
/// <param name="Name">English name.</param>
/// <param name="Country">The country it lies in.</param>
/// <param name="Latitude">Degrees north (negative: south).</param>
/// <param name="Longitude">Degrees east (negative: west).</param>
/// <param name="MeanHigh">Mean daily high over the year, °C.</param>
/// <param name="SeasonalSwing">Half the difference between the warmest and coldest month's mean high, °C.</param>
/// <param name="Wetness">Share of rainy days, 0 to 1.</param>
public sealed record City(string Name, string Country, double Latitude, double Longitude, double MeanHigh, double SeasonalSwing, double Wetness);
