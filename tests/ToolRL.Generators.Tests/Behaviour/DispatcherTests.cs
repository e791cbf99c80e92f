using GeneratorTests.Infrastructure;
using ToolRL.Tools;

namespace GeneratorTests.Behaviour;

/// <summary>The generated Invoke: argument validation, defaults, cancellation and output rendering.</summary>
public class DispatcherTests
{
    private static readonly Lazy<Loaded> Travel = new(() => Loaded.Compile("Travel.Probe", [Specs.Travel, Specs.TravelWorld]));

    private static ToolResult Invoke(string tool, string json, CancellationToken token = default) =>
        Travel.Value.Call<ToolResult>("Invoke", tool, json, token);

    [Fact]
    public void Good_call_returns_string_output_as_is()
    {
        var result = Invoke("get_capital", """{"country":"Japan"}""");
        Assert.Equal(ToolResult.Ok("Tokyo"), result);
    }

    [Fact]
    public void Record_output_is_compact_json_with_camel_case_names_and_default_enum()
    {
        var result = Invoke("get_forecast", """{"city":"Tokyo","date":"2025-05-01"}""");
        Assert.Equal("""{"city":"Tokyo","date":"2025-05-01","high":21.5,"unit":"Celsius"}""", result.Text);
        Assert.True(result.IsOk);
    }

    [Theory]
    [InlineData("fahrenheit")]
    [InlineData("FAHRENHEIT")]
    [InlineData("Fahrenheit")]
    public void Enum_arguments_are_case_insensitive(string unit)
    {
        var result = Invoke("get_forecast", $$"""{"city":"Oslo","date":"2025-01-02","unit":"{{unit}}"}""");
        Assert.Equal("""{"city":"Oslo","date":"2025-01-02","high":21.5,"unit":"Fahrenheit"}""", result.Text);
    }

    [Fact]
    public void Numbers_render_as_json()
    {
        Assert.Equal("9", Invoke("city_population", """{"city":"Madrid"}""").Text);
        Assert.Equal("125.00", Invoke("convert_currency", """{"amount":100,"currencies":["EUR","USD"],"note":null}""").Text);
    }

    [Theory]
    [InlineData("get_capital", "{}", "missing required argument 'country'")]
    [InlineData("get_capital", """{"country":"Japan","city":"x"}""", "unexpected argument 'city'; the arguments are 'country'")]
    [InlineData("get_capital", """{"country":5}""", "argument 'country' must be a string")]
    [InlineData("get_capital", """{"country":null}""", "argument 'country' must be a string")]
    [InlineData("get_forecast", """{"city":"Oslo","date":"2025-01-02","unit":"Kelvin"}""", "argument 'unit' must be one of \"Celsius\", \"Fahrenheit\"")]
    [InlineData("get_forecast", """{"city":"Oslo","date":"2025-01-02","unit":1}""", "argument 'unit' must be one of \"Celsius\", \"Fahrenheit\"")]
    [InlineData("get_forecast", """{"city":"Oslo","date":"2025-13-02"}""", "argument 'date' must be a date written yyyy-MM-dd")]
    [InlineData("get_forecast", """{"city":"Oslo","date":"02/01/2025"}""", "argument 'date' must be a date written yyyy-MM-dd")]
    [InlineData("convert_currency", """{"amount":3000000000,"currencies":[]}""", "argument 'amount' must be an integer that fits in an int")]
    [InlineData("convert_currency", """{"amount":1.5,"currencies":[]}""", "argument 'amount' must be an integer that fits in an int")]
    [InlineData("convert_currency", """{"amount":"12","currencies":[]}""", "argument 'amount' must be an integer that fits in an int")]
    [InlineData("convert_currency", """{"amount":1,"currencies":"EUR"}""", "argument 'currencies' must be an array")]
    [InlineData("convert_currency", """{"amount":1,"currencies":["EUR",3]}""", "argument 'currencies[]' must be a string")]
    [InlineData("book_hotel", """{"booking":{"city":"Rome"}}""", "missing required argument 'booking.nights'")]
    [InlineData("book_hotel", """{"booking":{"city":"Rome","nights":2,"stars":5}}""", "argument 'booking' has an unexpected property; its properties are 'city', 'nights', 'guests', 'note'")]
    [InlineData("book_hotel", """{"booking":{"city":"Rome","nights":"two"}}""", "argument 'booking.nights' must be an integer that fits in an int")]
    [InlineData("book_hotel", """{"booking":"Rome"}""", "argument 'booking' must be an object")]
    [InlineData("book_hotel", """{"booking":{"city":"Rome","nights":2},"checkIn":"tomorrow"}""", "argument 'checkIn' must be an ISO date-time written yyyy-MM-ddTHH:mm:ss")]
    public void Bad_arguments_give_invalid_argument_feedback_naming_tool_and_parameter(string tool, string json, string problem)
    {
        var result = Invoke(tool, json);
        Assert.Equal(ToolOutcome.InvalidArguments, result.Outcome);
        Assert.Equal($"an error occured when call {tool}: {problem}", result.Text);
    }

    [Fact]
    public void Arguments_that_are_not_an_object_are_rejected()
    {
        var result = Invoke("get_capital", """["Japan"]""");
        Assert.Equal(ToolOutcome.InvalidArguments, result.Outcome);
        Assert.Equal("an error occured when call get_capital: arguments must be a JSON object (got a JSON array)", result.Text);
    }

    [Fact]
    public void Unknown_tool_is_reported()
    {
        var result = Invoke("get_capitol", "{}");
        Assert.Equal(ToolOutcome.UnknownTool, result.Outcome);
        Assert.Contains("no tool named 'get_capitol'", result.Text);
    }

    [Fact]
    public void Nested_objects_lists_and_optional_members_are_read()
    {
        var result = Invoke("book_hotel", """{"booking":{"city":"Rome","nights":2,"guests":["Ann","Bo"],"note":"quiet"},"checkIn":"2025-05-01T14:30:00"}""");
        Assert.Equal("Rome/2/Ann+Bo/quiet/2025-05-01T14:30:00.0000000", result.Text);
        var defaults = Invoke("book_hotel", """{"booking":{"city":"Rome","nights":2}}""");
        Assert.Equal("Rome/2//-/-", defaults.Text);
    }

    [Fact]
    public void Cancellation_token_reaches_a_tool_that_takes_one()
    {
        using var source = new CancellationTokenSource();
        Invoke("city_population", """{"city":"Lima"}""", source.Token);
        Assert.Equal(source.Token, Travel.Value.Get<CancellationToken>("LastToken"));
    }

    [Fact]
    public void A_cancelled_call_to_a_tool_without_a_token_does_not_run()
    {
        using var source = new CancellationTokenSource();
        source.Cancel();
        var error = Assert.Throws<System.Reflection.TargetInvocationException>(() => Invoke("get_capital", """{"country":"Japan"}""", source.Token));
        Assert.IsType<OperationCanceledException>(error.InnerException);
    }

    [Fact]
    public void Tool_exceptions_propagate_for_the_environment_to_turn_into_feedback()
    {
        var error = Assert.Throws<System.Reflection.TargetInvocationException>(() => Invoke("get_capital", """{"country":"Atlantis"}"""));
        Assert.IsType<KeyNotFoundException>(error.InnerException);
    }
}
