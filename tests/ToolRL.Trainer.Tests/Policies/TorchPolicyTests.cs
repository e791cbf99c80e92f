using ToolRL.Conversations;
using ToolRL.Trainer.Checkpoints;
using ToolRL.Trainer.Models;
using ToolRL.Trainer.Policies;
using ToolRL.Trainer.Tests.Runs;
using ToolRL.Trainer.Tests.Text;

namespace ToolRL.Trainer.Tests.Policies;

public class TorchPolicyTests
{
    private static PolicyRequest Ask(string question) => new([ChatMessage.User(question)], []);

    private static TorchPolicy Tiny(TempDirectory dir, int maxBatchSize = 16)
    {
        TinyCheckpoint.Write(dir["tiny"], ModelFamily.Qwen3,
            new TinyModelSizes { VocabSize = TextFixtures.Qwen3Tokenizer.VocabularySize, HiddenSize = 32, IntermediateSize = 64 },
            seed: 11, tokenizerFiles: Directory.GetFiles(TextFixtures.Qwen3Directory, "*.json"));
        var loaded = TorchPolicy.Load(dir["tiny"]);
        return new TorchPolicy(loaded.Model, loaded.Tokenizer, loaded.Template) { MaxBatchSize = maxBatchSize };
    }

    private static readonly PolicyRequest[] Questions =
        [Ask("What is the capital of Kenya?"), Ask("Capital of Peru?"), Ask("What is the capital of Spain?"), Ask("Kenya"), Ask("Peru and Spain?")];

    [Fact]
    public async Task Greedy_turns_do_not_depend_on_how_requests_are_batched()
    {
        using var dir = new TempDirectory();
        var whole = Tiny(dir);
        var greedy = PolicySampling.Greedy with { MaxNewTokens = 5 };
        var together = await whole.NextTurnsAsync(Questions, greedy);
        var inPairs = await new TorchPolicy(whole.Model, whole.Tokenizer, whole.Template) { MaxBatchSize = 2 }.NextTurnsAsync(Questions, greedy);

        Assert.Equal(Questions.Length, inPairs.Count);
        for (var i = 0; i < Questions.Length; i++)
        {
            Assert.Equal(together[i].Tokens!.ResponseIds, inPairs[i].Tokens!.ResponseIds);
            Assert.Equal(whole.EncodePrompt(Questions[i]), inPairs[i].Tokens!.PromptIds);
        }
    }

    [Fact]
    public async Task A_sampled_call_is_reproducible_from_its_seed_and_counts_its_tokens()
    {
        using var dir = new TempDirectory();
        var policy = Tiny(dir, maxBatchSize: 2);
        var sampling = new PolicySampling { Temperature = 1.0, MaxNewTokens = 6, Seed = 42 };
        var first = await policy.NextTurnsAsync(Questions, sampling);
        var again = await policy.NextTurnsAsync(Questions, sampling);
        var other = await policy.NextTurnsAsync(Questions, sampling with { Seed = 7 });

        for (var i = 0; i < Questions.Length; i++)
            Assert.Equal(first[i].Tokens!.ResponseIds, again[i].Tokens!.ResponseIds);
        Assert.Contains(Enumerable.Range(0, Questions.Length), i => !first[i].Tokens!.ResponseIds.SequenceEqual(other[i].Tokens!.ResponseIds));
        static long Generated(IReadOnlyList<PolicyTurn> turns) => turns.Sum(t => (long)t.Tokens!.ResponseIds.Length);
        Assert.Equal(Generated(first) + Generated(again) + Generated(other), policy.GeneratedTokens);
        Assert.Equal(3 * Questions.Sum(q => (long)policy.EncodePrompt(q).Length), policy.PromptTokens);
    }

    [Fact]
    public async Task A_prompt_over_the_limit_gets_an_empty_turn_and_the_others_still_run()
    {
        using var dir = new TempDirectory();
        var policy = Tiny(dir);
        var shortest = Questions.Min(q => policy.EncodePrompt(q).Length);
        var limited = new TorchPolicy(policy.Model, policy.Tokenizer, policy.Template) { MaxPromptTokens = shortest };
        var turns = await limited.NextTurnsAsync(Questions, PolicySampling.Greedy with { MaxNewTokens = 4 });

        for (var i = 0; i < Questions.Length; i++)
        {
            var tooLong = policy.EncodePrompt(Questions[i]).Length > shortest;
            Assert.Equal(tooLong, turns[i].Tokens!.ResponseIds.Length == 0);
            if (tooLong)
            {
                Assert.Equal("", turns[i].Text);
                Assert.False(turns[i].Parsed.HasToolCalls);
            }
        }
        Assert.Contains(Questions, q => policy.EncodePrompt(q).Length > shortest);
    }
}
