namespace ToolRL.Samples.Scenarios.Travel;

/// <summary>
/// The embedded world the travel tools answer from. Coordinates, capitals and largest cities are real;
/// climate figures and exchange rates are rounded reference values, fixed so that answers never change.
/// Every country has its own currency, so no two currency look-ups give the same answer.
/// </summary>
public static class TravelData
{
    /// <summary>Countries by English name.</summary>
    public static IReadOnlyList<Country> Countries { get; } =
    [
        new("France", "Paris", "Paris", "EUR"),
        new("Switzerland", "Bern", "Zurich", "CHF"),
        new("United Kingdom", "London", "London", "GBP"),
        new("Norway", "Oslo", "Oslo", "NOK"),
        new("Egypt", "Cairo", "Cairo", "EGP"),
        new("Kenya", "Nairobi", "Nairobi", "KES"),
        new("India", "New Delhi", "Mumbai", "INR"),
        new("Thailand", "Bangkok", "Bangkok", "THB"),
        new("Japan", "Tokyo", "Tokyo", "JPY"),
        new("South Korea", "Seoul", "Seoul", "KRW"),
        new("Australia", "Canberra", "Sydney", "AUD"),
        new("Canada", "Ottawa", "Toronto", "CAD"),
        new("United States", "Washington", "New York", "USD"),
        new("Mexico", "Mexico City", "Mexico City", "MXN"),
        new("Brazil", "Brasilia", "Sao Paulo", "BRL"),
        new("Argentina", "Buenos Aires", "Buenos Aires", "ARS"),
    ];

    /// <summary>Every capital and largest city.</summary>
    public static IReadOnlyList<City> Cities { get; } =
    [
        new("Paris", "France", 48.8566, 2.3522, 16.0, 9.0, 0.35),
        new("Bern", "Switzerland", 46.9480, 7.4474, 14.0, 10.0, 0.40),
        new("Zurich", "Switzerland", 47.3769, 8.5417, 14.0, 10.0, 0.42),
        new("London", "United Kingdom", 51.5074, -0.1278, 15.0, 7.0, 0.45),
        new("Oslo", "Norway", 59.9139, 10.7522, 10.0, 11.0, 0.40),
        new("Cairo", "Egypt", 30.0444, 31.2357, 28.0, 7.0, 0.02),
        new("Nairobi", "Kenya", -1.2921, 36.8219, 24.0, 2.0, 0.30),
        new("New Delhi", "India", 28.6139, 77.2090, 31.0, 8.0, 0.20),
        new("Mumbai", "India", 19.0760, 72.8777, 32.0, 2.0, 0.35),
        new("Bangkok", "Thailand", 13.7563, 100.5018, 33.0, 2.0, 0.40),
        new("Tokyo", "Japan", 35.6762, 139.6503, 20.0, 9.0, 0.33),
        new("Seoul", "South Korea", 37.5665, 126.9780, 18.0, 13.0, 0.30),
        new("Canberra", "Australia", -35.2809, 149.1300, 20.0, 8.0, 0.25),
        new("Sydney", "Australia", -33.8688, 151.2093, 22.0, 4.0, 0.35),
        new("Ottawa", "Canada", 45.4215, -75.6972, 11.0, 16.0, 0.35),
        new("Toronto", "Canada", 43.6532, -79.3832, 13.0, 14.0, 0.35),
        new("Washington", "United States", 38.9072, -77.0369, 20.0, 11.0, 0.30),
        new("New York", "United States", 40.7128, -74.0060, 17.0, 11.0, 0.33),
        new("Mexico City", "Mexico", 19.4326, -99.1332, 24.0, 3.0, 0.35),
        new("Brasilia", "Brazil", -15.7939, -47.8828, 27.0, 2.0, 0.40),
        new("Sao Paulo", "Brazil", -23.5505, -46.6333, 25.0, 3.0, 0.38),
        new("Buenos Aires", "Argentina", -34.6037, -58.3816, 23.0, 7.0, 0.28),
    ];

    /// <summary>Units of each currency per US dollar.</summary>
    public static IReadOnlyDictionary<string, decimal> UnitsPerDollar { get; } = new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase)
    {
        ["USD"] = 1.00m,
        ["EUR"] = 0.92m,
        ["CHF"] = 0.88m,
        ["GBP"] = 0.79m,
        ["NOK"] = 10.60m,
        ["EGP"] = 47.80m,
        ["KES"] = 129.50m,
        ["INR"] = 83.20m,
        ["THB"] = 36.20m,
        ["JPY"] = 151.40m,
        ["KRW"] = 1350.00m,
        ["AUD"] = 1.52m,
        ["CAD"] = 1.36m,
        ["MXN"] = 17.10m,
        ["BRL"] = 5.05m,
        ["ARS"] = 870.00m,
    };
}
