using ToolRL.Samples.Catalog;
using ToolRL.Samples.Cli;

return SamplesCommandLine.Run(args, SampleEnvironments.Scenarios, Console.Out, Console.Error);
