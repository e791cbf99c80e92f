using ToolRL.Tasks;

namespace ToolRL.Runtime.Tests.Scenario;

/// <summary>The test scenario's tasks, one per structure, written as a generator would describe them.</summary>
public static class TestTasks
{
    public static readonly TaskDescriptor<ITestTools> CapitalOfFrance = new(
        "test/CapitalOfFrance", "What is the capital of France?",
        [new GoldenCallSpec(0, "get_capital", [])],
        t => t.GetCapital("France"));

    public static readonly TaskDescriptor<ITestTools> TwoCapitals = new(
        "test/TwoCapitals", "What are the capitals of France and Japan?",
        [new GoldenCallSpec(0, "get_capital", []), new GoldenCallSpec(1, "get_capital", [])],
        t => t.GetCapital("France") + ", " + t.GetCapital("Japan"));

    public static readonly TaskDescriptor<ITestTools> WeatherInCapitalOfJapan = new(
        "test/WeatherInCapitalOfJapan", "What is the weather in the capital of Japan?",
        [new GoldenCallSpec(0, "get_capital", []), new GoldenCallSpec(1, "get_weather", [0])],
        t => t.GetWeather(t.GetCapital("Japan")));

    public static readonly TaskDescriptor<ITestTools> WeatherInTwoCapitals = new(
        "test/WeatherInTwoCapitals", "What is the weather in the capitals of France and Japan?",
        [
            new GoldenCallSpec(0, "get_capital", []), new GoldenCallSpec(1, "get_weather", [0]),
            new GoldenCallSpec(2, "get_capital", []), new GoldenCallSpec(3, "get_weather", [2]),
        ],
        t => t.GetWeather(t.GetCapital("France")) + ", " + t.GetWeather(t.GetCapital("Japan")));

    public static readonly TaskDescriptor<ITestTools> FirstCartItem = new(
        "test/FirstCartItem", "Add a book to the cart; how many items are in it?",
        [new GoldenCallSpec(0, "add_to_cart", [])],
        t => t.AddToCart("book").ToString());

    public static IReadOnlyList<TaskDescriptor<ITestTools>> All { get; } =
        [CapitalOfFrance, TwoCapitals, WeatherInCapitalOfJapan, WeatherInTwoCapitals, FirstCartItem];
}
