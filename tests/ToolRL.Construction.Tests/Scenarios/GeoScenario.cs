using ToolRL;
using System.Globalization;
using System.Text.Json;
using ToolRL.Environments;
using ToolRL.Tasks;
using ToolRL.Tools;

namespace Construction.Tests.Scenarios;

/// <summary>
/// A hand-written <see cref="IScenario{TTools}"/> shaped like generated code: documents, signatures, facts
/// (listed so value domains exist) and a dispatcher. <c>get_population</c> and <c>get_area</c> overlap on purpose.
/// </summary>
public sealed class GeoScenario(GeoData data) : IScenario<IGeo>
{
    private static readonly ToolParameter Country = new("country", "string", "string", true, "Country name in English.");
    private static readonly ToolParameter City = new("city", "string", "string", true, "City name.");
    private static readonly ToolParameter Person = new("person", "string", "string", true, "Full name of a person.");
    private static readonly ToolParameter Unit = new("unit", "global::Geo.TemperatureUnit", "string", true, "Temperature unit.", ["Celsius", "Fahrenheit"]);

    public GeoData Data => data;
    public string Name => "geo";
    public string Description => "Geography: capitals, currencies, cities, mayors and weather.";

    public IReadOnlyList<ToolSignature> Signatures { get; } =
    [
        new("get_capital", "GetCapital", "the capital of {country}", [Country], "string"),
        new("get_currency", "GetCurrency", "the currency of {country}", [Country], "string"),
        new("get_population", "GetPopulation", "the population of {city}", [City], "long"),
        new("get_area", "GetArea", "the area of {city} in square kilometres", [City], "long"),
        new("get_mayor", "GetMayor", "the mayor of {city}", [City], "string"),
        new("get_birth_year", "GetBirthYear", "the birth year of {person}", [Person], "int"),
        new("get_weather", "GetWeather", "the weather in {city} in {unit}", [City, Unit], "string"),
    ];

    public IReadOnlyList<ToolDefinition> Tools { get; } =
    [
        new("get_capital", "Returns the capital city of a country.", Schema("country")),
        new("get_currency", "Returns the currency of a country.", Schema("country")),
        new("get_population", "Returns the number of inhabitants of a city.", Schema("city")),
        new("get_area", "Returns the area of a city in square kilometres.", Schema("city")),
        new("get_mayor", "Returns the mayor of a city.", Schema("city")),
        new("get_birth_year", "Returns the year a person was born.", Schema("person")),
        new("get_weather", "Returns today's weather in a city.", """{"type":"object","properties":{"city":{"type":"string"},"unit":{"type":"string","enum":["Celsius","Fahrenheit"]}},"required":["city","unit"]}"""),
    ];

    public IReadOnlyList<ToolFact> Facts => field ??= BuildFacts();

    public string Markdown => "# geo";
    public IReadOnlyList<TaskDescriptor<IGeo>> Tasks => [];
    public Func<IGeo>? LocalImplementation => () => new GeoWorld(data);

    public ToolResult Invoke(IGeo tools, string toolName, JsonElement arguments, CancellationToken cancellationToken)
    {
        switch (toolName)
        {
            case "get_capital": return ArgumentReader.Check(toolName, arguments, "country") ?? ToolResult.Ok(tools.GetCapital(ArgumentReader.S(arguments, "country")));
            case "get_currency": return ArgumentReader.Check(toolName, arguments, "country") ?? ToolResult.Ok(tools.GetCurrency(ArgumentReader.S(arguments, "country")));
            case "get_population": return ArgumentReader.Check(toolName, arguments, "city") ?? ToolResult.Ok(tools.GetPopulation(ArgumentReader.S(arguments, "city")).ToString(CultureInfo.InvariantCulture));
            case "get_area": return ArgumentReader.Check(toolName, arguments, "city") ?? ToolResult.Ok(tools.GetArea(ArgumentReader.S(arguments, "city")).ToString(CultureInfo.InvariantCulture));
            case "get_mayor": return ArgumentReader.Check(toolName, arguments, "city") ?? ToolResult.Ok(tools.GetMayor(ArgumentReader.S(arguments, "city")));
            case "get_birth_year": return ArgumentReader.Check(toolName, arguments, "person") ?? ToolResult.Ok(tools.GetBirthYear(ArgumentReader.S(arguments, "person")).ToString(CultureInfo.InvariantCulture));
            case "get_weather":
            {
                if (ArgumentReader.Check(toolName, arguments, "city", "unit") is { } bad)
                    return bad;
                if (!Enum.TryParse<TemperatureUnit>(ArgumentReader.S(arguments, "unit"), out var unit))
                    return ToolFeedback.InvalidArgument(toolName, "unit", "one of Celsius, Fahrenheit");
                return ToolResult.Ok(tools.GetWeather(ArgumentReader.S(arguments, "city"), unit));
            }
            default: return ToolFeedback.UnknownTool(toolName);
        }
    }

    public IGeo CreateRecorder(IGeo inner, GoldenRecorder recorder) =>
        throw new NotSupportedException("Construction tests do not record authored tasks.");

    private List<ToolFact> BuildFacts()
    {
        var facts = new List<ToolFact>();
        static string A(string name, string value) => "{" + Json.Quote(name) + ":" + Json.Quote(value) + "}";
        foreach (var (k, v) in data.Capital) facts.Add(new("get_capital", A("country", k), v));
        foreach (var (k, v) in data.Currency) facts.Add(new("get_currency", A("country", k), v));
        foreach (var (k, v) in data.Population) facts.Add(new("get_population", A("city", k), v.ToString(CultureInfo.InvariantCulture)));
        foreach (var (k, v) in data.Area) facts.Add(new("get_area", A("city", k), v.ToString(CultureInfo.InvariantCulture)));
        foreach (var (k, v) in data.Mayor) facts.Add(new("get_mayor", A("city", k), v));
        foreach (var (k, v) in data.BirthYear) facts.Add(new("get_birth_year", A("person", k), v.ToString(CultureInfo.InvariantCulture)));
        return facts;
    }

    private static string Schema(string parameter) =>
        "{\"type\":\"object\",\"properties\":{\"" + parameter + "\":{\"type\":\"string\"}},\"required\":[\"" + parameter + "\"]}";
}
