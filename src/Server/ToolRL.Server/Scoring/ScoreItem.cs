using ToolRL.Episodes;
using ToolRL.Parsing;
using ToolRL.PythonSemantics;
using ToolRL.Rewards;
using ToolRL.Server.Catalog;
using ToolRL.Server.Hosting;

namespace ToolRL.Server.Scoring;

/// <summary>
/// One item of a <c>/v1/score</c> request: an environment, the recorded state (a task id, and/or an FTRL step
/// record's <c>unsolved_set</c>, <c>solve_rate</c> and <c>gold_answer</c>), the model's turn and how to score it.
/// </summary>
internal sealed record ScoreItem(ServedEnvironment Environment, RecordedState State, ParsedTurn Turn, EpisodeOptions Options)
{
    /// <summary>Reads item <paramref name="where"/>; 400 naming the field for anything missing or mistyped.</summary>
    public static ScoreItem Read(PyValue item, ServerContext context, string where)
    {
        if (item.Kind != PyValueKind.Dict)
            throw ApiException.BadRequest($"{where} must be an object");
        var environment = context.Environment(RequestJson.OptionalString(item, "environment", where) ?? RequestJson.OptionalString(item, "data_source", where));
        var options = context.Options.Episode with
        {
            RewardVariant = Variant(RequestJson.OptionalString(item, "variant", where), context.Options.Episode.RewardVariant, where),
            SolveRule = Rule(RequestJson.OptionalString(item, "solve_rule", where), context.Options.Episode.SolveRule, where),
        };
        var state = ReadState(item, environment, where);
        var turn = Turns.TurnJson.ReadTurn(item, options.Parser, where);
        return new ScoreItem(environment, state, turn, options);
    }

    private static RecordedState ReadState(PyValue item, ServedEnvironment environment, string where)
    {
        var taskId = RequestJson.OptionalString(item, "task_id", where);
        RecordedState? start = null;
        if (taskId is not null)
        {
            var task = environment.FindTask(taskId)
                ?? throw ApiException.NotFound($"{where}: environment '{environment.Name}' has no task '{taskId}'");
            start = environment.StartOf(task);
        }
        var unsolved = Unsolved(item.Get("unsolved_set"), where);
        var gold = RequestJson.OptionalString(item, "gold_answer", where) ?? RequestJson.OptionalString(item, "final_answer", where);
        var solveRate = RequestJson.OptionalNumber(item, "solve_rate", where);
        if (start is null && (unsolved is null || gold is null))
            throw ApiException.BadRequest($"{where} needs the recorded state: a \"task_id\", or an FTRL step record's \"unsolved_set\" and \"gold_answer\" (and \"solve_rate\")");
        return new RecordedState(
            unsolved ?? start!.Unsolved,
            solveRate ?? start?.SolveRate ?? 0.0,
            gold ?? start!.FinalAnswer);
    }

    private static Dictionary<string, IReadOnlyList<string>>? Unsolved(PyValue? value, string where)
    {
        if (value is null || value.Kind == PyValueKind.None)
            return null;
        if (value.Kind != PyValueKind.Dict)
            throw ApiException.BadRequest($"\"unsolved_set\" in {where} must be an object of tool name → array of gold sub-answers");
        var unsolved = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (tool, answers) in value.Members)
        {
            if (answers.Kind != PyValueKind.List || answers.Items.Any(a => a.Kind != PyValueKind.Str))
                throw ApiException.BadRequest($"\"unsolved_set\".\"{tool}\" in {where} must be an array of strings");
            unsolved[tool] = answers.Items.Select(a => a.Text).ToArray();
        }
        return unsolved;
    }

    private static StepRewardVariant Variant(string? name, StepRewardVariant fallback, string where) => name?.ToLowerInvariant() switch
    {
        null => fallback,
        "f1" => StepRewardVariant.F1,
        "precision" => StepRewardVariant.Precision,
        "rate" => StepRewardVariant.Rate,
        "pr" => StepRewardVariant.PR,
        _ => throw ApiException.BadRequest($"\"variant\" in {where} must be f1, precision, rate or pr, not '{name}'"),
    };

    private static SolveRule Rule(string? name, SolveRule fallback, string where) => name?.ToLowerInvariant() switch
    {
        null => fallback,
        "reference" => SolveRule.Reference,
        "strict" => SolveRule.Strict,
        _ => throw ApiException.BadRequest($"\"solve_rule\" in {where} must be reference or strict, not '{name}'"),
    };
}
