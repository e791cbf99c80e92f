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
}
