using System.CommandLine;
using ToolRL.Cli;
using ToolRL.Trainer.Native;
using ToolRL.Trainer.Policies;

namespace ToolRL.Trainer.Cli;

/// <summary>
/// How a command picks its policy: <c>--model DIR</c> (an HF Qwen2/2.5/3 checkpoint run with TorchSharp) or
/// <c>--endpoint URL --model NAME</c> (any OpenAI-compatible server).
/// </summary>
internal sealed class PolicyOptions
{
    public Option<string?> Model { get; } = new("--model", "-m")
    {
        Description = "An HF checkpoint folder (config.json, model.safetensors, tokenizer.json), or with --endpoint the served model's name.",
    };

    public Option<string?> Endpoint { get; } = new("--endpoint")
    {
        Description = "Base URL of an OpenAI-compatible server, e.g. http://127.0.0.1:8000/v1.",
    };

    public Option<string?> ApiKey { get; } = new("--api-key")
    {
        Description = "API key for --endpoint. Default: the OPENAI_API_KEY environment variable, if set.",
    };

    public Option<string> Device { get; } = new("--device")
    {
        Description = "cpu (default), cuda, cuda:N or auto; CUDA needs the CUDA backend (see the README).",
        DefaultValueFactory = _ => "cpu",
    };

    public Option<string?> Thinking { get; } = ModelOptions.Thinking();

    public void AddTo(Command command)
    {
        command.Add(Thinking);
        command.Add(Model);
        command.Add(Endpoint);
        command.Add(ApiKey);
        command.Add(Device);
    }

    /// <summary>
    /// The policy the options name; a usage error when they name none or a folder that is not a checkpoint.
    /// <paramref name="chat"/> sets an endpoint policy's options (the model id is always the one given).
    /// </summary>
    public IPolicy Create(ParseResult parse, ChatClientPolicyOptions? chat = null)
    {
        var model = parse.GetValue(Model);
        var endpoint = parse.GetValue(Endpoint);
        if (endpoint is not null)
        {
            if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                throw new CliException($"--endpoint must be an http(s) URL, got '{endpoint}'", ExitCodes.BadArguments);
            if (string.IsNullOrWhiteSpace(model))
                throw new CliException("--endpoint needs --model NAME, the model the server serves", ExitCodes.BadArguments);
            if (parse.GetValue(Thinking) is not null)
                throw new CliException("--thinking applies to --model checkpoints; a served model's chat template is the server's", ExitCodes.BadArguments);
            var key = parse.GetValue(ApiKey) ?? Environment.GetEnvironmentVariable("OPENAI_API_KEY");
            return ChatClientPolicy.ForOpenAiEndpoint(uri, model, key, chat);
        }
        if (string.IsNullOrWhiteSpace(model))
            throw new CliException("this command needs a policy: --model DIR (HF checkpoint) or --endpoint URL --model NAME", ExitCodes.BadArguments);
        return LoadCheckpoint(model, parse.GetValue(Device), ModelOptions.ThinkingChoice(parse, Thinking), "or add --endpoint for a served model");
    }

    /// <summary>The local policy of <c>--model DIR</c>; a usage error when the folder is not an HF checkpoint.</summary>
    public static TorchPolicy LoadCheckpoint(string model, string? device, Text.ChatTemplates.ChatTemplateOptions? thinking, string alternative)
    {
        if (!Directory.Exists(model))
            throw new CliException($"--model '{model}' is not a folder; give an HF checkpoint folder, {alternative}", ExitCodes.BadArguments);
        if (!File.Exists(Path.Combine(model, "config.json")))
            throw new CliException($"--model '{model}' has no config.json: not an HF checkpoint folder", ExitCodes.BadArguments);
        return TorchPolicy.Load(model, TorchDevices.Parse(device), thinking);
    }
}
