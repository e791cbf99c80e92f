namespace ToolRL.Samples.Scenarios.Travel;

/// <summary>
/// Travel tasks. Each body is the golden solution: nested calls are hops, tuple elements are parallel
/// branches. Questions name what the user knows and never the values a call has to find.
/// </summary>
public static partial class TravelTasks
{
    // Single-hop: one call answers the question.

    [Task("What is the capital of Kenya?")]
    internal static string CapitalOfKenya(ITravel t) => t.GetCapital("Kenya");

    [Task("Which currency is used in Norway?")]
    internal static string CurrencyOfNorway(ITravel t) => t.GetCurrency("Norway");

    [Task("Which is the largest city of Brazil?")]
    internal static string LargestCityOfBrazil(ITravel t) => t.GetLargestCity("Brazil");

    [Task("What is the weather forecast for Sydney on 14 March 2025?")]
    internal static Forecast SydneyForecast(ITravel t) => t.GetForecast("Sydney", new DateOnly(2025, 3, 14));

    [Task("What will the weather be like in New York on 4 July 2025? Give the temperatures in Fahrenheit.")]
    internal static Forecast NewYorkForecastFahrenheit(ITravel t) =>
        t.GetForecast("New York", new DateOnly(2025, 7, 4), TemperatureUnit.Fahrenheit);

    [Task("How much are 250 US dollars in euros?")]
    internal static Money DollarsToEuros(ITravel t) => t.ConvertCurrency(250m, "USD", "EUR");

    [Task("How far is Cairo from Nairobi?")]
    internal static double CairoToNairobi(ITravel t) => t.GetDistance("Cairo", "Nairobi");

    [Task("How long does a direct flight of 5800 km take?")]
    internal static string FlightOf5800Km(ITravel t) => t.EstimateFlightDuration(5800);

    // Parallel single-hop: independent calls.

    [Task("What are the capitals of Egypt and Argentina?")]
    internal static (string, string) CapitalsOfEgyptAndArgentina(ITravel t) =>
        (t.GetCapital("Egypt"), t.GetCapital("Argentina"));

    [Task("Which currencies are used in India, Thailand and South Korea?")]
    internal static (string, string, string) AsianCurrencies(ITravel t) =>
        (t.GetCurrency("India"), t.GetCurrency("Thailand"), t.GetCurrency("South Korea"));

    [Task("What is the weather forecast for London and for Zurich on 2 November 2025?")]
    internal static (Forecast, Forecast) LondonAndZurichForecasts(ITravel t) =>
        (t.GetForecast("London", new DateOnly(2025, 11, 2)), t.GetForecast("Zurich", new DateOnly(2025, 11, 2)));

    [Task("How far is Tokyo from Seoul, and how far is Tokyo from Bangkok?")]
    internal static (double, double) DistancesFromTokyo(ITravel t) =>
        (t.GetDistance("Tokyo", "Seoul"), t.GetDistance("Tokyo", "Bangkok"));

    [Task("Convert 80 British pounds to US dollars, and 5000 Japanese yen to euros.")]
    internal static (Money, Money) TwoConversions(ITravel t) =>
        (t.ConvertCurrency(80m, "GBP", "USD"), t.ConvertCurrency(5000m, "JPY", "EUR"));

    [Task("What is the capital of Canada, and which currency does Mexico use?")]
    internal static (string, string) CanadaCapitalAndMexicoCurrency(ITravel t) =>
        (t.GetCapital("Canada"), t.GetCurrency("Mexico"));

    [Task("What are the largest cities of India and of Canada?")]
    internal static (string, string) LargestCitiesOfIndiaAndCanada(ITravel t) =>
        (t.GetLargestCity("India"), t.GetLargestCity("Canada"));

    // Multi-hop: one chain, each call consuming the previous call's output.

    [Task("What will the weather be in the capital of Japan on 1 May 2025?")]
    internal static Forecast WeatherInCapitalOfJapan(ITravel t) =>
        t.GetForecast(t.GetCapital("Japan"), new DateOnly(2025, 5, 1));

    [Task("What will the weather be in the largest city of Switzerland on 3 October 2025?")]
    internal static Forecast WeatherInLargestSwissCity(ITravel t) =>
        t.GetForecast(t.GetLargestCity("Switzerland"), new DateOnly(2025, 10, 3));

    [Task("How much are 100 US dollars worth in the currency of Kenya?")]
    internal static Money DollarsInKenyanCurrency(ITravel t) => t.ConvertCurrency(100m, "USD", t.GetCurrency("Kenya"));

    [Task("How long is a direct flight between Paris and Buenos Aires?")]
    internal static string FlightParisBuenosAires(ITravel t) =>
        t.EstimateFlightDuration(t.GetDistance("Paris", "Buenos Aires"));

    [Task("How far is Cairo from the capital of Kenya?")]
    internal static double CairoToKenyanCapital(ITravel t) => t.GetDistance("Cairo", t.GetCapital("Kenya"));

    [Task("What is the forecast for the capital of Thailand on 15 August 2025, in Fahrenheit?")]
    internal static Forecast WeatherInThaiCapitalFahrenheit(ITravel t) =>
        t.GetForecast(t.GetCapital("Thailand"), new DateOnly(2025, 8, 15), TemperatureUnit.Fahrenheit);

    [Task("How long is a direct flight from Toronto to the capital of Brazil?")]
    internal static string FlightTorontoToBrazilianCapital(ITravel t) =>
        t.EstimateFlightDuration(t.GetDistance("Toronto", t.GetCapital("Brazil")));

    [Task("How long would a direct flight from New York to the capital of the United Kingdom take?")]
    internal static string FlightNewYorkToBritishCapital(ITravel t) =>
        t.EstimateFlightDuration(t.GetDistance("New York", t.GetCapital("United Kingdom")));

    // Parallel multi-hop: several chains, or chains that merge.

    [Task("How far apart are the capitals of Australia and Brazil?")]
    internal static double DistanceBetweenCapitalsOfAustraliaAndBrazil(ITravel t) =>
        t.GetDistance(t.GetCapital("Australia"), t.GetCapital("Brazil"));

    [Task("What will the weather be on 24 December 2025 in the capitals of Norway and Egypt?")]
    internal static (Forecast, Forecast) ChristmasEveInTwoCapitals(ITravel t) =>
        (t.GetForecast(t.GetCapital("Norway"), new DateOnly(2025, 12, 24)),
         t.GetForecast(t.GetCapital("Egypt"), new DateOnly(2025, 12, 24)));

    [Task("How many euros are 500 units of Thailand's currency, and how many are 500 units of Mexico's currency?")]
    internal static (Money, Money) ThaiAndMexicanMoneyInEuros(ITravel t) =>
        (t.ConvertCurrency(500m, t.GetCurrency("Thailand"), "EUR"), t.ConvertCurrency(500m, t.GetCurrency("Mexico"), "EUR"));

    [Task("How long is a direct flight between the capitals of India and Switzerland?")]
    internal static string FlightBetweenCapitalsOfIndiaAndSwitzerland(ITravel t) =>
        t.EstimateFlightDuration(t.GetDistance(t.GetCapital("India"), t.GetCapital("Switzerland")));

    [Task("Convert 300 units of South Korea's currency into the currency of Japan.")]
    internal static Money KoreanToJapaneseCurrency(ITravel t) =>
        t.ConvertCurrency(300m, t.GetCurrency("South Korea"), t.GetCurrency("Japan"));

    [Task("What is the weather in the capital of Canada on 20 January 2025, and how much are 40 US dollars in Swiss francs?")]
    internal static (Forecast, Money) OttawaWeatherAndFrancs(ITravel t) =>
        (t.GetForecast(t.GetCapital("Canada"), new DateOnly(2025, 1, 20)), t.ConvertCurrency(40m, "USD", "CHF"));

    [Task("How long is the flight from the capital of Australia to its largest city?")]
    internal static string FlightBetweenAustralianCapitalAndLargestCity(ITravel t) =>
        t.EstimateFlightDuration(t.GetDistance(t.GetCapital("Australia"), t.GetLargestCity("Australia")));
}
