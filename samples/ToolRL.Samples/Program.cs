using ToolRL.Samples.Catalog;
using ToolRL.Cli;

// The SDK's sample environments (travel, shop, library) behind the standard command line:
// describe | export | serve | sft | collect | train | eval | analyze — see `dotnet run -- --help`.
return await ToolRLApp.RunAsync(args, SampleEnvironments.All);
