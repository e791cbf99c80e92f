// Compiled into a ToolRL.Sdk project that trains (ToolRLTraining is not false; see Sdk.targets): it puts the Trainer's
// commands (sft, collect, train, eval, analyze) on the command line before Main runs, so Program.cs stays the one line
// `return await ToolRLApp.RunAsync(args, environments);` with or without the Trainer.
namespace ToolRL.Sdk.Generated;

internal static class ToolRLTrainerCommands
{
    [System.Runtime.CompilerServices.ModuleInitializer]
    internal static void Register() => ToolRL.Cli.CliModules.Register(ToolRL.Trainer.Cli.TrainerCliModule.Instance);
}
