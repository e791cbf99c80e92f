using System.Text;
using ToolRL.Construction.Sources;
using ToolRL.Rewards;
using ToolRL.Tasks;

namespace ToolRL.Construction.Composition;

/// <summary>
/// Automatic scenario decomposition run backwards: composes tasks of the four structures from the tools'
/// phrase templates and value domains. Every composed call executes on a fresh implementation, so the gold
/// sub-answers are real outputs; chains link an output to a parameter whose domain knows that value. Tasks
/// stream out (nothing but 64-bit de-duplication keys is kept), deterministically for a seed.
/// </summary>
public sealed class TaskComposer
{
    private readonly ScenarioSource _scenario;
    private readonly ComposableTool[] _composable;
    private readonly ComposableTool[] _chainStarts;
    private readonly ChainLinks _links;

    /// <summary>Prepares composition; throws <see cref="FormatException"/> for a phrase that does not compile.</summary>
    public TaskComposer(ScenarioSource scenario, ValueDomains? domains = null)
    {
        _scenario = scenario;
        domains ??= ValueDomains.FromScenario(scenario);
        var tools = scenario.Signatures.Select(s => new ComposableTool(s, PhraseTemplate.For(s), domains)).ToArray();
        _composable = tools.Where(t => t.IsComposable).ToArray();
        _links = new ChainLinks(_composable);
        _chainStarts = _composable.Where(_links.CanFeedAnything).ToArray();
    }

    /// <summary>Names of the tools that can appear in composed tasks (every call parameter has known values).</summary>
    public IReadOnlyList<string> ComposableTools => _composable.Select(t => t.Name).ToArray();

    /// <summary>
    /// Composes up to the configured count of each structure (fewer where the domains run out of distinct tasks),
    /// single-hop first, then parallel single-hop, multi-hop, parallel multi-hop.
    /// </summary>
    public IEnumerable<EnvironmentTask> Compose(CompositionOptions options)
    {
        options.Validate();
        var seen = new HashSet<ulong>();
        var renderer = new ScribanRenderer();
        var writer = new QuestionWriter(renderer);
        foreach (var structure in Enum.GetValues<TaskStructure>())
        {
            var want = options.CountOf(structure);
            if (want == 0 || _composable.Length == 0)
                continue;
            if (structure is TaskStructure.MultiHop or TaskStructure.ParallelMultiHop && _chainStarts.Length == 0)
                continue;
            var random = new Random(unchecked(options.Seed * 7919 + (int)structure * 104729));
            var made = 0;
            var failures = 0;
            var consumers = new List<(ComposableTool, int, DomainValue)>();
            while (made < want && failures < options.MaxConsecutiveFailures)
            {
                var task = TryCompose(structure, options, random, renderer, writer, consumers, seen);
                if (task is null)
                {
                    failures++;
                    continue;
                }
                failures = 0;
                made++;
                yield return task;
            }
        }
    }

    private EnvironmentTask? TryCompose(TaskStructure structure, CompositionOptions options, Random random, ScribanRenderer renderer,
        QuestionWriter writer, List<(ComposableTool, int, DomainValue)> consumers, HashSet<ulong> seen)
    {
        var invoker = _scenario.NewInvoker();
        var calls = new List<PlannedCall>();
        var finals = new List<int>();
        switch (structure)
        {
            case TaskStructure.SingleHop:
                calls.Add(RandomCall(_composable[random.Next(_composable.Length)], random));
                finals.Add(0);
                break;
            case TaskStructure.ParallelSingleHop:
            {
                var width = random.Next(options.MinParallel, options.MaxParallel + 1);
                for (var i = 0; i < width; i++)
                    calls.Add(RandomCall(_composable[random.Next(_composable.Length)], random));
                // Independent calls: a canonical order makes permutations one task.
                calls.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
                for (var i = 1; i < calls.Count; i++)
                {
                    if (calls[i].Key == calls[i - 1].Key)
                        return null;
                }
                finals.AddRange(Enumerable.Range(0, calls.Count));
                break;
            }
            case TaskStructure.MultiHop:
                if (!AppendChain(calls, random.Next(2, options.MaxHopDepth + 1), 2, random, invoker, consumers))
                    return null;
                finals.Add(calls.Count - 1);
                break;
            case TaskStructure.ParallelMultiHop:
            {
                var chains = random.Next(2, Math.Min(3, Math.Max(2, options.MaxParallel)) + 1);
                var starts = new HashSet<string>();
                for (var c = 0; c < chains; c++)
                {
                    var first = calls.Count;
                    var depth = c == 0 ? random.Next(2, options.MaxHopDepth + 1) : random.Next(1, options.MaxHopDepth + 1);
                    if (!AppendChain(calls, depth, c == 0 ? 2 : 1, random, invoker, consumers) || !starts.Add(calls[first].Key))
                        return null;
                    finals.Add(calls.Count - 1);
                }
                break;
            }
        }
        // Single-hop structures run here; chains already ran while they were built.
        if (structure is TaskStructure.SingleHop or TaskStructure.ParallelSingleHop)
        {
            foreach (var call in calls)
            {
                if (!Execute(call, invoker))
                    return null;
            }
        }

        var key = CanonicalKey(calls);
        if (!seen.Add(key))
            return null;

        foreach (var call in calls)
            call.Phrase = RenderPhrase(call, calls, renderer);
        var question = writer.Write(finals.Select(i => calls[i].Phrase).ToArray(), random);

        // A question that states any sub-answer gives the answer away (or leaks an intermediate value).
        var normalizedQuestion = AnswerVerifier.Normalize(question);
        foreach (var call in calls)
        {
            if (normalizedQuestion.Contains(AnswerVerifier.Normalize(call.Output), StringComparison.Ordinal))
                return null;
        }

        var subQuestions = new SubQuestion[calls.Count];
        for (var i = 0; i < calls.Count; i++)
        {
            var c = calls[i];
            subQuestions[i] = new SubQuestion(i, c.Tool.Name, c.ArgumentsJson, c.DependsOn < 0 ? [] : [c.DependsOn], c.Output);
        }
        var finalAnswer = string.Join(AnswerVerifier.PartSeparator, finals.Select(i => calls[i].Output));
        var id = $"{_scenario.Name}/auto/{StructureCode(structure)}/{key:x16}";
        return new EnvironmentTask(id, _scenario.Name, question, structure, subQuestions, finalAnswer);
    }

    private static PlannedCall RandomCall(ComposableTool tool, Random random)
    {
        var args = new DomainValue[tool.Slots.Length];
        for (var s = 0; s < args.Length; s++)
            args[s] = tool.Domains[s][random.Next(tool.Domains[s].Count)];
        return new PlannedCall(tool, args, -1, -1);
    }

    /// <summary>Builds and runs a chain of <paramref name="depth"/> calls (at least <paramref name="minimum"/>), each fed by the previous output.</summary>
    private bool AppendChain(List<PlannedCall> calls, int depth, int minimum, Random random, IToolInvoker invoker,
        List<(ComposableTool Tool, int Slot, DomainValue Value)> consumers)
    {
        var pool = minimum > 1 ? _chainStarts : _composable;
        var call = RandomCall(pool[random.Next(pool.Length)], random);
        calls.Add(call);
        if (!Execute(call, invoker))
            return false;
        for (var hop = 1; hop < depth; hop++)
        {
            _links.FindConsumers(call.Tool, call.Output, consumers);
            if (consumers.Count == 0)
                break;
            var (tool, slot, value) = consumers[random.Next(consumers.Count)];
            var next = RandomCall(tool, random);
            next.Arguments[slot] = value;
            var producerIndex = calls.Count - 1;
            next = new PlannedCall(tool, next.Arguments, producerIndex, slot);
            calls.Add(next);
            if (!Execute(next, invoker))
                return false;
            call = next;
        }
        var chainLength = 1;
        for (var i = calls.Count - 1; i > 0 && calls[i].DependsOn == i - 1; i--)
            chainLength++;
        return chainLength >= minimum;
    }

    private static bool Execute(PlannedCall call, IToolInvoker invoker)
    {
        var builder = new StringBuilder("{");
        for (var s = 0; s < call.Arguments.Length; s++)
        {
            if (s > 0)
                builder.Append(',');
            builder.Append(ToolRL.Json.Quote(call.Tool.Slots[s].Name)).Append(':').Append(call.Arguments[s].Json);
        }
        call.ArgumentsJson = builder.Append('}').ToString();
        var result = invoker.Invoke(call.Tool.Name, call.ArgumentsJson);
        if (!result.IsOk || string.IsNullOrWhiteSpace(result.Text))
            return false;
        call.Output = result.Text;
        return true;
    }

    private static string RenderPhrase(PlannedCall call, List<PlannedCall> calls, ScribanRenderer renderer)
    {
        // Calls repeat across tasks; their phrases are rendered once (the cache is bounded, see ScribanRenderer).
        var values = new string[call.Tool.HoleSlots.Length];
        for (var h = 0; h < values.Length; h++)
        {
            var slot = call.Tool.HoleSlots[h];
            // The consumed value is not stated: the producer's phrase stands in for it.
            values[h] = slot == call.DependentSlot && call.DependsOn >= 0 ? calls[call.DependsOn].Phrase : call.Arguments[slot].Text;
        }
        return renderer.RenderCached(call.Tool.Name, call.Tool.Phrase.Template, values);
    }

    private ulong CanonicalKey(List<PlannedCall> calls)
    {
        var hash = Fnv.Offset;
        hash = Fnv.Add(hash, _scenario.Name);
        foreach (var c in calls)
        {
            hash = Fnv.Add(hash, c.Key);
            hash = Fnv.Add(hash, c.DependsOn < 0 ? "-" : c.DependsOn + ":" + c.DependentSlot);
        }
        return hash;
    }

    /// <summary>The short code used in composed task ids.</summary>
    public static string StructureCode(TaskStructure structure) => structure switch
    {
        TaskStructure.SingleHop => "single",
        TaskStructure.ParallelSingleHop => "parallel",
        TaskStructure.MultiHop => "multihop",
        _ => "parallel-multihop",
    };
}
