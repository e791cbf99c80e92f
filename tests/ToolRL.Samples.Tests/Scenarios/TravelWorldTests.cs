using ToolRL.Samples.Scenarios.Travel;

namespace ToolRL.Samples.Tests.Scenarios;

public class TravelWorldTests
{
    private readonly TravelWorld _travel = new();

    [Fact]
    public void Look_ups_ignore_case_and_surrounding_spaces()
    {
        Assert.Equal("Tokyo", _travel.GetCapital("Japan"));
        Assert.Equal("Tokyo", _travel.GetCapital(" japan "));
        Assert.Equal("Sydney", _travel.GetLargestCity("AUSTRALIA"));
        Assert.Equal("BRL", _travel.GetCurrency("brazil"));
    }

    [Fact]
    public void Unknown_names_throw_a_message_naming_them()
    {
        Assert.Equal("no country named 'Atlantis' in the travel data", Assert.Throws<ArgumentException>(() => _travel.GetCapital("Atlantis")).Message);
        Assert.Equal("no city named 'Gotham' in the travel data", Assert.Throws<ArgumentException>(() => _travel.GetForecast("Gotham", new DateOnly(2025, 1, 1))).Message);
        Assert.Equal("no exchange rate for currency 'XYZ'", Assert.Throws<ArgumentException>(() => _travel.ConvertCurrency(1m, "USD", "XYZ")).Message);
    }

    [Fact]
    public void Every_country_look_up_is_one_to_one_so_a_wrong_country_never_gives_the_right_answer()
    {
        var countries = TravelData.Countries.Select(c => c.Name).ToList();
        Assert.Equal(countries.Count, countries.Select(_travel.GetCapital).Distinct().Count());
        Assert.Equal(countries.Count, countries.Select(_travel.GetLargestCity).Distinct().Count());
        Assert.Equal(countries.Count, countries.Select(_travel.GetCurrency).Distinct().Count());
    }

    [Fact]
    public void Every_capital_largest_city_and_currency_is_known_to_the_other_tools()
    {
        foreach (var country in TravelData.Countries)
        {
            Assert.Equal(country.Capital, _travel.GetForecast(country.Capital, new DateOnly(2025, 6, 1)).City);
            Assert.Equal(country.LargestCity, _travel.GetForecast(country.LargestCity, new DateOnly(2025, 6, 1)).City);
            Assert.Equal(country.Currency, _travel.ConvertCurrency(10m, "USD", country.Currency).Currency);
        }
    }

    [Fact]
    public void Forecasts_are_reproducible_and_echo_city_date_and_unit()
    {
        var date = new DateOnly(2025, 5, 1);
        var first = new TravelWorld().GetForecast("Tokyo", date);
        var second = new TravelWorld().GetForecast("tokyo", date);

        Assert.Equal(first, second);
        Assert.Equal(("Tokyo", date, TemperatureUnit.Celsius), (first.City, first.Date, first.Unit));
        Assert.True(first.Low < first.High);
        Assert.Contains(first.Condition, new[] { "sunny", "partly cloudy", "cloudy", "light rain", "rain", "thunderstorms", "snow" });
    }

    [Fact]
    public void Fahrenheit_forecasts_convert_the_celsius_ones()
    {
        var date = new DateOnly(2025, 7, 4);
        var celsius = _travel.GetForecast("New York", date);
        var fahrenheit = _travel.GetForecast("New York", date, TemperatureUnit.Fahrenheit);

        Assert.Equal(celsius.Condition, fahrenheit.Condition);
        Assert.Equal((int)Math.Round(celsius.High * 1.8 + 32), fahrenheit.High);
        Assert.Equal((int)Math.Round(celsius.Low * 1.8 + 32), fahrenheit.Low);
        Assert.Equal(TemperatureUnit.Fahrenheit, fahrenheit.Unit);
    }

    [Fact]
    public void Seasons_are_opposite_in_the_two_hemispheres()
    {
        Assert.True(_travel.GetForecast("Oslo", new DateOnly(2025, 7, 15)).High > _travel.GetForecast("Oslo", new DateOnly(2025, 1, 15)).High + 10);
        Assert.True(_travel.GetForecast("Canberra", new DateOnly(2025, 1, 15)).High > _travel.GetForecast("Canberra", new DateOnly(2025, 7, 15)).High + 6);
    }

    [Fact]
    public void Currency_conversion_goes_through_the_dollar_and_rounds_to_cents()
    {
        Assert.Equal(new Money(230.00m, "EUR"), _travel.ConvertCurrency(250m, "USD", "EUR"));
        Assert.Equal(new Money(101.27m, "USD"), _travel.ConvertCurrency(80m, "gbp", "usd"));
        Assert.Equal(new Money(30.38m, "EUR"), _travel.ConvertCurrency(5000m, "JPY", "EUR"));
    }

    [Fact]
    public void Distances_are_great_circle_kilometres_and_symmetric()
    {
        var parisLondon = _travel.GetDistance("Paris", "London");
        Assert.InRange(parisLondon, 340, 348);
        Assert.Equal(parisLondon, _travel.GetDistance("London", "Paris"));
        Assert.InRange(_travel.GetDistance("Tokyo", "Seoul"), 1140, 1170);
        Assert.Equal(0, _travel.GetDistance("Oslo", "Oslo"));
    }

    [Fact]
    public void Flight_durations_add_half_an_hour_to_cruise_at_800_kmh_and_echo_the_distance()
    {
        Assert.Equal("1 h 30 min for 800.0 km", _travel.EstimateFlightDuration(800));
        Assert.Equal("7 h 45 min for 5800.0 km", _travel.EstimateFlightDuration(5800));
        Assert.NotEqual(_travel.EstimateFlightDuration(5800), _travel.EstimateFlightDuration(5801));
        Assert.Throws<ArgumentException>(() => _travel.EstimateFlightDuration(0));
        Assert.Throws<ArgumentException>(() => _travel.EstimateFlightDuration(double.NaN));
    }
}
