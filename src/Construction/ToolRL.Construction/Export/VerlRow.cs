using System.Text.Json.Serialization;

namespace ToolRL.Construction.Export;

/// <summary>
/// One row of a verl RL dataset (the layout of verl's data-preprocess scripts): <c>data_source</c>,
/// <c>prompt</c> (chat messages), <c>ability</c>, <c>reward_model {style, ground_truth}</c>, <c>extra_info</c> and
/// <c>agent_name</c> (the agent loop verl runs the row with). Tool documents and the gold sub-answers travel in
/// <c>extra_info</c> as JSON text, since their shape varies by task.
/// </summary>
public sealed class VerlRow
{
    /// <summary>The environment (scenario and variant) the task comes from; verl picks the reward function by it.</summary>
    [JsonPropertyName("data_source")] public string DataSource { get; set; } = "";

    /// <summary>The chat messages of the prompt.</summary>
    [JsonPropertyName("prompt")] public List<VerlMessage> Prompt { get; set; } = [];

    /// <summary>The task family; always <c>tool-use</c>.</summary>
    [JsonPropertyName("ability")] public string Ability { get; set; } = "tool-use";

    /// <summary>The rule-based reward's ground truth.</summary>
    [JsonPropertyName("reward_model")] public VerlRewardModel RewardModel { get; set; } = new();

    /// <summary>Everything else the reward function and the tool agent need.</summary>
    [JsonPropertyName("extra_info")] public VerlExtraInfo ExtraInfo { get; set; } = new();

    /// <summary>
    /// The verl agent loop for the row: <see cref="VerlRows.AgentName"/>, the multi-turn loop in
    /// <c>integrations/verl/toolrl_agent_loop.py</c>. Single-step training ignores it.
    /// </summary>
    [JsonPropertyName("agent_name")] public string AgentName { get; set; } = VerlRows.AgentName;
}

/// <summary>One chat message.</summary>
public sealed class VerlMessage
{
    /// <summary><c>system</c> or <c>user</c>.</summary>
    [JsonPropertyName("role")] public string Role { get; set; } = "";

    /// <summary>The text.</summary>
    [JsonPropertyName("content")] public string Content { get; set; } = "";
}

/// <summary>verl's reward_model column.</summary>
public sealed class VerlRewardModel
{
    /// <summary>Always <c>rule</c>: the reward is computed, not learned.</summary>
    [JsonPropertyName("style")] public string Style { get; set; } = "rule";

    /// <summary>The final gold answer.</summary>
    [JsonPropertyName("ground_truth")] public string GroundTruth { get; set; } = "";
}

/// <summary>verl's extra_info column.</summary>
public sealed class VerlExtraInfo
{
    /// <summary><c>train</c> or <c>test</c>.</summary>
    [JsonPropertyName("split")] public string Split { get; set; } = "";

    /// <summary>Row index within the split.</summary>
    [JsonPropertyName("index")] public long Index { get; set; }

    /// <summary>The task id.</summary>
    [JsonPropertyName("task_id")] public string TaskId { get; set; } = "";

    /// <summary>The environment the server serves the task under (scenario plus variant suffix), as <c>/v1/score</c> and ORS sessions name it.</summary>
    [JsonPropertyName("environment")] public string Environment { get; set; } = "";

    /// <summary>The scenario the task comes from.</summary>
    [JsonPropertyName("scenario")] public string Scenario { get; set; } = "";

    /// <summary>The structure (SingleHop, ParallelSingleHop, MultiHop, ParallelMultiHop).</summary>
    [JsonPropertyName("structure")] public string Structure { get; set; } = "";

    /// <summary>The OpenAI tool documents as a JSON array.</summary>
    [JsonPropertyName("tools")] public string Tools { get; set; } = "[]";

    /// <summary>The unsolved set as a JSON object: tool name → gold sub-answers.</summary>
    [JsonPropertyName("unsolved_set")] public string UnsolvedSet { get; set; } = "{}";

    /// <summary>The step state's solve rate (FTRL's <c>solve_rate</c>): the share of sub-questions already solved.</summary>
    [JsonPropertyName("solve_rate")] public double SolveRate { get; set; }

    /// <summary>The step state's final gold answer (FTRL's <c>gold_answer</c>; also <c>reward_model.ground_truth</c>).</summary>
    [JsonPropertyName("gold_answer")] public string GoldAnswer { get; set; } = "";

    /// <summary>The golden calls as a JSON array of <c>{"name","arguments","depends_on"}</c>.</summary>
    [JsonPropertyName("golden_calls")] public string GoldenCalls { get; set; } = "[]";

    /// <summary>Reference to the tools' local implementation.</summary>
    [JsonPropertyName("tool_implementation")] public string ToolImplementation { get; set; } = "";
}
