using System.ClientModel;
using Microsoft.Extensions.AI;
using OpenAI;
using ToolRL.Parsing;

namespace ToolRL.Trainer.Policies;

/// <summary>
/// A policy behind any Microsoft.Extensions.AI <see cref="IChatClient"/> — OpenAI-compatible servers (vLLM,
/// llama.cpp, OpenAI) through <see cref="ForOpenAiEndpoint"/>. Tools are sent as function declarations and never
/// invoked by the client: the structured calls that come back are turned into a <see cref="ParsedTurn"/>
/// (<see cref="ToolCallParser.FromOpenAi"/>) and executed by the environment. A reply with no structured calls
/// whose content holds Hermes <c>&lt;tool_call&gt;</c> blocks is parsed as Hermes text
/// (<see cref="ChatClientPolicyOptions.ParseHermesContent"/>); <see cref="CallForms"/> counts which form the
/// server used. Evaluation and trajectory collection only; an API model has no token log-probs to train on.
/// </summary>
public sealed class ChatClientPolicy : IPolicy
{
    private readonly IChatClient _client;
    private readonly ChatClientPolicyOptions _options;
    private readonly ToolCallFormCounts _forms = new();

    // Set for an OpenAI endpoint: tools are declared in the OpenAI request itself, their schema as written (see OneAsync).
    private readonly bool _openAiTools;

    /// <summary>Wraps <paramref name="client"/> (not owned).</summary>
    public ChatClientPolicy(IChatClient client, ChatClientPolicyOptions? options = null)
        : this(client, options, openAiTools: false)
    {
    }

    private ChatClientPolicy(IChatClient client, ChatClientPolicyOptions? options, bool openAiTools)
    {
        _openAiTools = openAiTools;
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _options = options ?? new ChatClientPolicyOptions();
        if (_options.MaxConcurrency < 1)
            throw new ArgumentException($"MaxConcurrency must be ≥ 1, not {_options.MaxConcurrency}.", nameof(options));
        if (_options.MaxRetries < 0)
            throw new ArgumentException($"MaxRetries must be ≥ 0, not {_options.MaxRetries}.", nameof(options));
    }

    /// <summary>A policy over an OpenAI-compatible chat-completions endpoint, e.g. <c>http://127.0.0.1:8000/v1</c>.</summary>
    public static ChatClientPolicy ForOpenAiEndpoint(Uri endpoint, string model, string? apiKey = null, ChatClientPolicyOptions? options = null)
    {
        var client = new OpenAI.Chat.ChatClient(model, new ApiKeyCredential(apiKey ?? "not-needed"),
            new OpenAIClientOptions { Endpoint = endpoint });
        return new ChatClientPolicy(client.AsIChatClient(), (options ?? new ChatClientPolicyOptions()) with { ModelId = model }, openAiTools: true);
    }

    /// <inheritdoc/>
    public string Name => _options.ModelId ?? "chat-client";

    /// <summary>How the server has written its tool calls so far (a snapshot; counts every turn since creation).</summary>
    public ToolCallForms CallForms => _forms.Snapshot();

    /// <inheritdoc/>
    public async Task<IReadOnlyList<PolicyTurn>> NextTurnsAsync(
        IReadOnlyList<PolicyRequest> requests, PolicySampling sampling, CancellationToken cancellationToken = default)
    {
        var results = new PolicyTurn[requests.Count];
        using var gate = new SemaphoreSlim(_options.MaxConcurrency);
        var tasks = requests.Select(async (request, index) =>
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                results[index] = await OneAsync(request, sampling, index, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                gate.Release();
            }
        }).ToArray();
        await Task.WhenAll(tasks).ConfigureAwait(false);
        return results;
    }

    private async Task<PolicyTurn> OneAsync(PolicyRequest request, PolicySampling sampling, int index, CancellationToken cancellationToken)
    {
        var messages = ChatMessageMapping.ToChatClient(request.Messages);
        var options = new ChatOptions
        {
            ModelId = _options.ModelId,
            Temperature = (float)sampling.Temperature,
            TopP = (float)sampling.TopP,
            TopK = sampling.TopK > 0 ? sampling.TopK : null,
            MaxOutputTokens = sampling.MaxNewTokens,
            Seed = sampling.Seed,
        };
        if (request.Tools.Count > 0 && _openAiTools)
        {
            // Microsoft.Extensions.AI rewrites a declared schema for OpenAI (it moves "required" before "properties"),
            // and the server's chat template renders the schema as it arrives: a prompt unlike the one the model was
            // trained and evaluated with in process. Declared in the raw request, the schema goes out as written.
            var tools = request.Tools.Select(t => OpenAI.Chat.ChatTool.CreateFunctionTool(t.Name, t.Description, BinaryData.FromString(t.ParametersSchema))).ToArray();
            options.RawRepresentationFactory = _ =>
            {
                var raw = new OpenAI.Chat.ChatCompletionOptions { ToolChoice = OpenAI.Chat.ChatToolChoice.CreateAutoChoice() };
                foreach (var tool in tools)
                    raw.Tools.Add(tool);
                return raw;
            };
        }
        else if (request.Tools.Count > 0)
        {
            options.Tools = ChatMessageMapping.ToChatClient(request.Tools);
            options.ToolMode = ChatToolMode.Auto;
        }

        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var response = await _client.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
                var calls = ChatMessageMapping.ToolCallsOf(response.Messages);
                var reasoning = string.Concat(response.Messages.SelectMany(m => m.Contents).OfType<TextReasoningContent>().Select(r => r.Text));
                var parsed = ToolCallParser.FromOpenAi(response.Text, calls, reasoning.Length == 0 ? null : reasoning);
                parsed = ReadCallForm(parsed, response.Text, calls.Count);
                return new PolicyTurn(response.Text ?? "", parsed);
            }
            catch (Exception e) when (e is not OperationCanceledException && attempt < _options.MaxRetries)
            {
                await Task.Delay(_options.RetryDelay * Math.Pow(2, attempt), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw new EndpointException(
                    $"The chat client '{Name}' failed on request {index} after {attempt + 1} attempt(s): {e.Message}", e);
            }
        }
    }

    /// <summary>Counts the reply's call form and, when enabled, takes Hermes calls from a reply's content.</summary>
    private ParsedTurn ReadCallForm(ParsedTurn parsed, string? content, int structuredCalls)
    {
        if (structuredCalls > 0)
        {
            _forms.Add(ToolCallForm.Structured);
            return parsed;
        }
        if (content is null || !content.Contains(ToolCallParser.ToolCallOpen, StringComparison.Ordinal))
        {
            _forms.Add(ToolCallForm.None);
            return parsed;
        }
        if (!_options.ParseHermesContent)
        {
            _forms.Add(ToolCallForm.HermesIgnored);
            return parsed;
        }
        var hermes = ToolCallParser.ParseHermes(content);
        _forms.Add(hermes.HasToolCalls ? ToolCallForm.HermesContent : ToolCallForm.None);
        // The server's separate reasoning (reasoning_content) stays when the content carried no think block of its own.
        return hermes with { Reasoning = hermes.Reasoning ?? parsed.Reasoning };
    }
}

/// <summary>A chat endpoint failed (HTTP error, connection refused, timeout) after its retries: an expected error of
/// the environment, not a bug, so command lines report it as one line.</summary>
public sealed class EndpointException(string message, Exception inner) : Exception(message, inner);
