using System.CommandLine;
using ToolRL.Cli;
using ToolRL.Environments;
using ToolRL.Trainer.Cli;

namespace ToolRL.Trainer.Tests.Cli;

/// <summary>The command line without the Trainer (an environment-only project) and the module extension point.</summary>
public sealed class CliModuleTests
{
    private static readonly IReadOnlyList<IToolEnvironment> Environments = [new CapitalsEnvironment("alpha")];

    private static async Task<(int Code, string Out, string Err)> Run(IReadOnlyList<ICliModule> modules, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await ToolRLApp.RunAsync(args, Environments, output, error, modules: modules);
        return (code, output.ToString(), error.ToString());
    }

    private static string[] CommandNames(IReadOnlyList<ICliModule> modules) =>
        ToolRLApp.BuildRootCommand(new CliContext(Environments, TextWriter.Null, TextWriter.Null), modules).Subcommands.Select(c => c.Name).ToArray();

    [Fact]
    public void Without_the_trainer_the_command_line_has_describe_export_and_serve_and_the_trainer_adds_its_six()
    {
        Assert.Equal(["describe", "export", "serve"], CommandNames([]));
        Assert.Equal(["describe", "export", "serve", "base", "sft", "collect", "train", "eval", "analyze"], CommandNames([TrainerCliModule.Instance]));
    }

    [Fact]
    public async Task Describe_runs_without_the_trainer()
    {
        var (code, output, _) = await Run([], "describe");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("scenario alpha", output);
    }

    [Theory]
    [InlineData("train")]
    [InlineData("eval")]
    public async Task A_training_command_without_the_trainer_is_a_usage_error_saying_the_project_has_no_trainer(string verb)
    {
        var (code, _, error) = await Run([], verb, "--steps", "1");
        Assert.Equal(ExitCodes.BadArguments, code);
        Assert.Contains($"'{verb}' is a training command: this project has no trainer", error);
        Assert.Contains("ToolRLTraining is false", error);
    }

    [Fact]
    public async Task An_unknown_command_that_is_not_a_training_one_gets_no_trainer_note()
    {
        var (code, _, error) = await Run([], "fly");
        Assert.Equal(ExitCodes.BadArguments, code);
        Assert.DoesNotContain("training command", error);
    }

    [Fact]
    public async Task A_modules_expected_error_is_its_message_alone_and_exit_2_and_other_failures_keep_the_trace()
    {
        var expected = await Run([new ThrowingModule(expected: true)], "boom");
        Assert.Equal(ExitCodes.BadArguments, expected.Code);
        Assert.Equal("error: the module's input is bad", expected.Err.Trim());

        var bug = await Run([new ThrowingModule(expected: false)], "boom");
        Assert.Equal(ExitCodes.Failed, bug.Code);
        Assert.Contains("ModuleFailure: the module's input is bad", bug.Err);
        Assert.Contains("   at ", bug.Err);
    }

    [Fact]
    public void Registering_a_module_twice_keeps_one()
    {
        var module = new ThrowingModule(expected: true);
        CliModules.Register(module);
        CliModules.Register(module);
        Assert.Single(CliModules.Registered, m => ReferenceEquals(m, module));
    }

    private sealed class ModuleFailure(string message) : Exception(message);

    /// <summary>A module whose one command, <c>boom</c>, throws its own exception type.</summary>
    private sealed class ThrowingModule(bool expected) : ICliModule
    {
        public IEnumerable<Command> CreateCommands(CliContext context)
        {
            var command = new Command("boom", "Fails.");
            command.SetAction(int (ParseResult _) => throw new ModuleFailure("the module's input is bad"));
            yield return command;
        }

        public bool IsExpectedError(Exception exception) => expected && exception is ModuleFailure;
    }
}
