namespace GeneratorTests.Infrastructure;

/// <summary>Representative scenario specs used by snapshot and behaviour tests.</summary>
public static class Specs
{
    /// <summary>The DESIGN.md example, widened: strings, dates, enums, defaults, records, lists and all four task shapes.</summary>
    public const string Travel = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using ToolRL;

        namespace Travel;

        /// <summary>Temperature units.</summary>
        public enum TemperatureUnit { Celsius, Fahrenheit }

        /// <summary>A daily forecast.</summary>
        /// <param name="City">The city.</param>
        /// <param name="Date">The day.</param>
        /// <param name="High">Highest temperature.</param>
        /// <param name="Unit">Unit of <paramref name="High"/>.</param>
        public sealed record Forecast(string City, DateOnly Date, double High, TemperatureUnit Unit);

        /// <summary>A hotel booking request.</summary>
        /// <param name="City">Where.</param>
        /// <param name="Nights">How many nights.</param>
        /// <param name="Guests">Guest names.</param>
        public sealed record Booking(string City, int Nights, IReadOnlyList<string>? Guests = null)
        {
            /// <summary>Free-text wishes.</summary>
            public string? Note { get; init; }
        }

        /// <summary>Trip planning: geography, weather, money.</summary>
        [Scenario("travel")]
        public partial interface ITravel
        {
            /// <summary>Returns the capital city of a country.</summary>
            /// <param name="country">Country name in English, e.g. "France".</param>
            [Tool(Phrase = "the capital of {country}")]
            string GetCapital(string country);

            /// <summary>Weather forecast for a city on a date.</summary>
            /// <param name="city">City name.</param>
            /// <param name="date">The day of the forecast.</param>
            /// <param name="unit">Temperature unit.</param>
            [Tool(Phrase = "the weather in {city} on {date}")]
            Forecast GetForecast(string city, DateOnly date, TemperatureUnit unit = TemperatureUnit.Celsius);

            /// <summary>Population of a city in millions.</summary>
            /// <param name="city">City name.</param>
            /// <param name="cancellationToken">Cancels the lookup.</param>
            [Tool(Name = "city_population")]
            double GetPopulation(string city, CancellationToken cancellationToken);

            /// <summary>Converts an amount between currencies.</summary>
            /// <param name="amount">The amount.</param>
            /// <param name="currencies">Source and target currency codes.</param>
            /// <param name="note">Optional note.</param>
            [Tool]
            decimal ConvertCurrency(int amount, IReadOnlyList<string> currencies, string? note = null);

            /// <summary>Books a hotel and returns the confirmation code.</summary>
            /// <param name="booking">The booking.</param>
            /// <param name="checkIn">Arrival time.</param>
            [Tool]
            string BookHotel(Booking booking, DateTime? checkIn = null);
        }

        public static partial class TravelTasks
        {
            [Task("What is the capital of Japan?")]
            static string Capital(ITravel t) => t.GetCapital("Japan");

            [Task("What are the capitals of France and Italy?")]
            static string[] Capitals(ITravel t) => [t.GetCapital("France"), t.GetCapital("Italy")];

            [Task("What will the weather be in the capital of Japan on 2025-05-01?")]
            static Forecast WeatherInCapital(ITravel t) => t.GetForecast(t.GetCapital("Japan"), new(2025, 5, 1));

            [Task("How many people live in the capitals of Spain and Peru?")]
            internal static (double, double) Populations(ITravel t)
            {
                var madrid = t.GetCapital("Spain");
                var lima = t.GetCapital("Peru");
                return (t.GetPopulation(madrid, default), t.GetPopulation(lima, default));
            }
        }
        """;

    /// <summary>An implementation of ITravel and a probe the tests call through reflection (one static entry point per check).</summary>
    public const string TravelWorld = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Text.Json;
        using System.Threading;
        using ToolRL.Tasks;
        using ToolRL.Tools;

        namespace Travel;

        public sealed class World : ITravel
        {
            public static CancellationToken LastToken;

            public string GetCapital(string country) => country switch
            {
                "Japan" => "Tokyo", "France" => "Paris", "Italy" => "Rome", "Spain" => "Madrid", "Peru" => "Lima",
                _ => throw new KeyNotFoundException("unknown country " + country),
            };

            public Forecast GetForecast(string city, DateOnly date, TemperatureUnit unit = TemperatureUnit.Celsius) => new(city, date, 21.5, unit);

            public double GetPopulation(string city, CancellationToken cancellationToken)
            {
                LastToken = cancellationToken;
                return city.Length * 1.5;
            }

            public decimal ConvertCurrency(int amount, IReadOnlyList<string> currencies, string? note = null) => amount * 1.25m;

            public string BookHotel(Booking booking, DateTime? checkIn = null) =>
                $"{booking.City}/{booking.Nights}/{string.Join("+", booking.Guests ?? Array.Empty<string>())}/{booking.Note ?? "-"}/{checkIn?.ToString("O") ?? "-"}";
        }

        public static class Probe
        {
            public static ToolResult Invoke(string tool, string json, CancellationToken token)
            {
                using var document = JsonDocument.Parse(json);
                return TravelScenario.Instance.Invoke(new World(), tool, document.RootElement, token);
            }

            public static CancellationToken LastToken => World.LastToken;

            public static IReadOnlyList<ToolDefinition> Tools => TravelScenario.Instance.Tools;

            public static IReadOnlyList<ToolSignature> Signatures => TravelScenario.Instance.Signatures;

            public static string Markdown => TravelScenario.Instance.Markdown;

            public static bool HasLocalImplementation => TravelScenario.Instance.LocalImplementation is not null;

            public static IReadOnlyList<(string Id, string Question, TaskStructure Structure, IReadOnlyList<GoldenCallSpec> Calls)> Tasks =>
                TravelScenario.Instance.Tasks.Select(t => (t.Id, t.Question, t.Structure, t.Calls)).ToList();

            public static (string Answer, IReadOnlyList<RecordedCall> Calls) Solve(string id)
            {
                var recorder = new GoldenRecorder();
                var task = TravelScenario.Instance.Tasks.Single(t => t.Id == id);
                var answer = task.Solve(TravelScenario.Instance.CreateRecorder(new World(), recorder));
                return (answer, recorder.Calls);
            }
        }
        """;

    /// <summary>A facts-only scenario: facts from attributes and from a facts file.</summary>
    public const string Geo = """
        using System;
        using ToolRL;

        namespace Geo;

        /// <summary>Country facts.</summary>
        public enum Continent { Europe, Asia, SouthAmerica }

        /// <summary>Facts about countries.</summary>
        [Scenario("geo")]
        [Fact("GetCapital", "Rome", "Italy")]
        [Fact("GetCapital", "Tokyo", "Japan")]
        [Fact("GetContinent", Continent.Asia, "Japan")]
        [Fact("GetIndependenceDay", "1821-07-28", "Peru")]
        [FactsFile("areas.json")]
        public interface IGeo
        {
            /// <summary>Returns the capital of a country.</summary>
            /// <param name="country">Country name.</param>
            [Tool]
            string GetCapital(string country);

            /// <summary>Area of a country in square kilometres.</summary>
            /// <param name="country">Country name.</param>
            /// <param name="includeWater">Whether lakes and rivers count.</param>
            [Tool]
            long GetArea(string country, bool includeWater = true);

            /// <summary>The continent a country lies on.</summary>
            /// <param name="country">Country name.</param>
            [Tool]
            Continent GetContinent(string country);

            /// <summary>The day a country became independent.</summary>
            /// <param name="country">Country name.</param>
            [Tool]
            DateOnly GetIndependenceDay(string country);
        }
        """;

    public const string GeoAreas = """
        {
          "GetArea": [
            { "args": { "country": "Japan" }, "result": 377975 },
            { "args": { "country": "Japan", "includeWater": false }, "result": 364485 }
          ],
          "GetCapital": [ { "args": { "country": "Peru" }, "result": "Lima" } ]
        }
        """;

    public const string GeoProbe = """
        using System.Collections.Generic;
        using System.Text.Json;
        using ToolRL.Tools;

        namespace Geo;

        public static class Probe
        {
            public static ToolResult Invoke(string tool, string json)
            {
                using var document = JsonDocument.Parse(json);
                var tools = GeoScenario.Instance.LocalImplementation!();
                return GeoScenario.Instance.Invoke(tools, tool, document.RootElement, default);
            }

            public static IReadOnlyList<ToolFact> Facts => GeoScenario.Instance.Facts;
        }
        """;

    /// <summary>Edge cases: global namespace, internal interface, no parameters, keyword parameter names, a list answer.</summary>
    public const string Minimal = """
        using System.Collections.Generic;
        using ToolRL;

        /// <summary>A counter.</summary>
        [Scenario("minimal")]
        internal interface ICounter
        {
            /// <summary>Current count.</summary>
            [Tool]
            int Count();

            /// <summary>Whether a class of items exists.</summary>
            /// <param name="class">The item class.</param>
            /// <param name="event">An event name.</param>
            [Tool(Name = "has-class")]
            bool HasClass(string @class, string? @event);

            /// <summary>The counts of several classes.</summary>
            /// <param name="classes">Item classes.</param>
            [Tool]
            List<int> Counts(string[] classes);
        }

        internal static class CounterTasks
        {
            [Task("How many items are there, and does class 'a' exist?")]
            internal static (int, bool) CountAndClass(ICounter c) => (c.Count(), c.HasClass("a", null));

            [Task("What are the counts of a and b?")]
            internal static List<int> Both(ICounter c)
            {
                string[] classes = ["a", "b"];
                return c.Counts(classes);
            }
        }
        """;
}
