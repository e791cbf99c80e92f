using ToolRL.Environments;
using ToolRL.Cli;
using WeatherDesk.Scenario;

// The project's environments. WeatherDeskScenario is generated at compile time from IWeatherDesk:
// tool schemas, the dispatcher and the tasks' reward checkers. Each episode gets a fresh WeatherDeskWorld.
IToolEnvironment[] environments =
[
    new ToolEnvironment<IWeatherDesk>(WeatherDeskScenario.Instance, () => new WeatherDeskWorld()),
];

// describe | export | serve, and with the Trainer sft | collect | train | eval | analyze — see `dotnet run -- --help`.
return await ToolRLApp.RunAsync(args, environments);
