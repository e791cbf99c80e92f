using Construction.Tests.Scenarios;
using ToolRL.Construction.Scaling;
using ToolRL.Construction.Sources;
using ToolRL.Construction.Toolsets;
using ToolRL.Environments;
using ToolRL.Tools;

namespace Construction.Tests;

/// <summary>
/// Constructed environments run their calls through the Runtime's bounded path: a scaled variant gets the same
/// validation, timeout, scheduler cap and feedback text as the generated environment of its scenario.
/// </summary>
public sealed class ToolsetSessionTests
{
    private static readonly TimeSpan ShortTimeout = TimeSpan.FromMilliseconds(300);
    private static readonly GeoScenario Scenario = new(GeoData.Small());

    /// <summary>Geo with a runaway <c>get_mayor</c> (ignores its token) and a throwing <c>get_birth_year</c>.</summary>
    private sealed class FaultyGeo(IGeo inner) : IGeo
    {
        public int Calls;
        public string GetCapital(string country) { Interlocked.Increment(ref Calls); return inner.GetCapital(country); }
        public string GetCurrency(string country) => inner.GetCurrency(country);
        public long GetPopulation(string city) => inner.GetPopulation(city);
        public long GetArea(string city) => inner.GetArea(city);
        public string GetMayor(string city) { Thread.Sleep(2000); return inner.GetMayor(city); }
        public int GetBirthYear(string person) => throw new InvalidOperationException("the archive is offline");
        public string GetWeather(string city, TemperatureUnit unit) => inner.GetWeather(city, unit);
    }

    private static FaultyGeo NewTools() => new(new GeoWorld(Scenario.Data));

    private static ToolEnvironment<IGeo> Generated(ToolEnvironmentOptions options) => new(Scenario, NewTools, options);

    private static ToolsetEnvironment Scaled(ToolEnvironmentOptions options, Func<FaultyGeo>? tools = null)
    {
        var source = ScenarioSource.From<IGeo>(Scenario, tools ?? NewTools);
        // Toolset extension keeps geo's own tools (and adds distractors), so the same call means the same in both.
        var variant = VariantBuilder.Build(source, new EnvironmentVariant("geo", ScalingStrategy.ToolsetExtension, 1), [TestScenarios.Library()]);
        Assert.NotEqual(source.Tools.Count, variant.Tools.Count);
        return new ToolsetEnvironment(variant, [], options: options);
    }

    private static async Task<ToolResult> Run(IToolEnvironment environment, ToolCall call)
    {
        using var session = environment.OpenSession();
        return await session.ExecuteAsync(call);
    }

    [Fact]
    public async Task A_runaway_tool_of_a_scaled_variant_times_out_with_the_runtime_feedback()
    {
        var options = new ToolEnvironmentOptions { CallTimeout = ShortTimeout, Scheduler = new ToolCallScheduler(4) };
        var environment = Scaled(options);
        var started = DateTime.UtcNow;
        var result = await Run(environment, new ToolCall("get_mayor", """{"city": "Tokyo"}"""));

        Assert.Equal(new ToolResult(ToolOutcome.Timeout, "an error occured when call get_mayor: the call ran past its time limit"), result);
        Assert.True(DateTime.UtcNow - started < ShortTimeout + TimeSpan.FromSeconds(1), "the call waited for the runaway tool");
        Assert.Equal(1, options.Scheduler.AbandonedTotal);
    }

    [Fact]
    public async Task An_oversize_argument_is_refused_unparsed_as_in_the_generated_environment()
    {
        var options = new ToolEnvironmentOptions { MaxArgumentsLength = 64 };
        var tools = NewTools();
        var call = new ToolCall("get_capital", "{\"country\": \"" + new string('x', 100) + "\"}");

        var scaled = await Run(Scaled(options, () => tools), call);
        var generated = await Run(Generated(options), call);

        Assert.Equal(new ToolResult(ToolOutcome.InvalidArguments,
            "an error occured when call get_capital: the arguments are longer than the environment's limit"), scaled);
        Assert.Equal(generated, scaled);
        Assert.Equal(0, tools.Calls);
    }

    public static TheoryData<string, string> FailingCalls => new()
    {
        { "get_birth_year", """{"person": "Ada"}""" },
        { "get_capitol", """{"country": "Japan"}""" },
        { "get_capital", """{"country": "Japan" """ },
        { "get_capital", """["Japan"]""" },
        { "get_capital", "" },
        { "get_capital", "{}" },
        { "get_capital", """{"country": 7}""" },
    };

    [Theory]
    [MemberData(nameof(FailingCalls))]
    public async Task The_same_failing_call_gets_the_same_feedback_in_a_scaled_variant_and_the_generated_environment(string tool, string arguments)
    {
        var options = ToolEnvironmentOptions.Default;
        var call = new ToolCall(tool, arguments);
        var generated = await Run(Generated(options), call);
        var scaled = await Run(Scaled(options), call);
        var plain = await Run(new ToolsetEnvironment(Toolset.Of(ScenarioSource.From<IGeo>(Scenario, NewTools)), [], options: options), call);

        Assert.False(generated.IsOk);
        Assert.Equal(generated, scaled);
        Assert.Equal(generated, plain);
    }

    [Fact]
    public async Task A_throwing_tool_of_a_scaled_variant_gets_the_runtime_exception_feedback()
    {
        var result = await Run(Scaled(ToolEnvironmentOptions.Default), new ToolCall("get_birth_year", """{"person": "Ada"}"""));
        Assert.Equal(new ToolResult(ToolOutcome.ToolError, "an error occured when call get_birth_year: the archive is offline"), result);
    }

    [Fact]
    public async Task Scaled_variant_calls_are_refused_when_runaways_hold_every_tool_thread()
    {
        var scheduler = new ToolCallScheduler(1);
        var environment = Scaled(new ToolEnvironmentOptions { CallTimeout = ShortTimeout, Scheduler = scheduler });
        Assert.Equal(ToolOutcome.Timeout, (await Run(environment, new ToolCall("get_mayor", """{"city": "Tokyo"}"""))).Outcome);

        var refused = await Run(environment, new ToolCall("get_capital", """{"country": "Japan"}"""));
        Assert.Equal(ToolFeedback.Refused("get_capital", 1), refused);
        Assert.Equal(1, scheduler.Refused);
    }

    [Fact]
    public async Task Output_of_a_scaled_variant_is_cut_at_the_environment_limit()
    {
        var result = await Run(Scaled(new ToolEnvironmentOptions { MaxOutputLength = 3 }), new ToolCall("get_capital", """{"country": "Japan"}"""));
        Assert.True(result.IsOk);
        Assert.StartsWith("Tok\n[output truncated: 5 characters, showing the first 3]", result.Text);
    }

    [Fact]
    public void Limits_that_are_not_positive_are_rejected_naming_the_option()
    {
        var error = Assert.Throws<ArgumentException>(() => Scaled(new ToolEnvironmentOptions { MaxOutputLength = 0 }));
        Assert.Contains("MaxOutputLength", error.Message);
        Assert.Throws<ArgumentException>(() => Scaled(new ToolEnvironmentOptions { CallTimeout = TimeSpan.Zero }));
    }
}
