using ToolRL.Samples.Catalog;
using ToolRL.Trainer.Cli;

// The SDK's sample environments (travel, shop, library) behind the standard command line:
// describe | export | collect | train | eval | sft | analyze — see `dotnet run -- --help`.
return await ToolRLApp.RunAsync(args, SampleEnvironments.All);
