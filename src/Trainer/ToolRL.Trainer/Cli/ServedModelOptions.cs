using System.CommandLine;
using ToolRL.Cli;
using ToolRL.Server.Chat;
using ToolRL.Trainer.Policies;
using ToolRL.Trainer.Serving;

namespace ToolRL.Trainer.Cli;

/// <summary>
/// What the Trainer adds to <c>serve</c>: <c>--model DIR</c> (an HF checkpoint folder or a run's final model) with
/// its <c>--device</c>, <c>--thinking</c> and <c>--max-batch</c>. The server then also answers OpenAI chat completions
/// with that model (<see cref="TorchChatModel"/>); without <c>--model</c> it serves environments only.
/// </summary>
internal static class ServedModelOptions
{
    public static Func<ParseResult, IChatCompletionModel?> AddTo(Command serve)
    {
        var model = new Option<string?>("--model", "-m")
        {
            Description = "Also serve this HF checkpoint folder (config.json, model.safetensors, tokenizer.json) at POST /v1/chat/completions (OpenAI-compatible).",
        };
        var device = new Option<string>("--device")
        {
            Description = "--model: cpu (default), cuda, cuda:N or auto; CUDA needs the CUDA backend (see the README).",
            DefaultValueFactory = _ => "cpu",
        };
        var thinking = ModelOptions.Thinking();
        var maxBatch = new Option<int>("--max-batch")
        {
            Description = "--model: requests generated together at most (concurrent requests are batched).",
            DefaultValueFactory = _ => 16,
        };
        serve.Add(model);
        serve.Add(device);
        serve.Add(thinking);
        serve.Add(maxBatch);
        return parse =>
        {
            if (parse.GetValue(model) is not { } directory)
            {
                if (parse.GetValue(thinking) is not null)
                    throw new CliException("--thinking applies to --model; give the checkpoint to serve", ExitCodes.BadArguments);
                return null;
            }
            var batch = CommonOptions.Positive(parse, maxBatch);
            var policy = PolicyOptions.LoadCheckpoint(directory, parse.GetValue(device), ModelOptions.ThinkingChoice(parse, thinking), "e.g. a run's final model folder");
            return new TorchChatModel(new TorchPolicy(policy.Model, policy.Tokenizer, policy.Template, policy.TemplateOptions, policy.Name) { MaxBatchSize = batch });
        };
    }
}
