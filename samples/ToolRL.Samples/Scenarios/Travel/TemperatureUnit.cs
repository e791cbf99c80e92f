namespace ToolRL.Samples.Scenarios.Travel;

/// <summary>Unit of forecast temperatures.</summary>
public enum TemperatureUnit
{
    /// <summary>Degrees Celsius.</summary>
    Celsius,
    /// <summary>Degrees Fahrenheit.</summary>
    Fahrenheit,
}
