using Construction.Tests.Scenarios;
using ToolRL.Construction.Composition;
using ToolRL.Construction.Scaling;
using ToolRL.Construction.Sources;
using ToolRL.Construction.Toolsets;
using ToolRL.Rewards;
using ToolRL.Tools;

namespace Construction.Tests;

public sealed class ScalingTests
{
    private static readonly ScenarioSource Geo = TestScenarios.Geo();
    private static readonly ScenarioSource[] Others = [TestScenarios.Library(), ConstantScenario.Create()];

    public static TheoryData<ScalingStrategy, int> Variants => new()
    {
        { ScalingStrategy.FunctionalGeneralization, 1 },
        { ScalingStrategy.FunctionalGeneralization, 2 },
        { ScalingStrategy.ParameterExpansion, 1 },
        { ScalingStrategy.ParameterTypeGeneralization, 1 },
        { ScalingStrategy.ParameterTypeGeneralization, 5 },
        { ScalingStrategy.ToolsetExtension, 1 },
        { ScalingStrategy.All, 3 },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void Rewritten_golden_calls_solve_every_task_and_wrong_calls_solve_nothing(ScalingStrategy strategy, int seed)
    {
        var variant = VariantBuilder.Build(Geo, new EnvironmentVariant("geo", strategy, seed), Others);
        var tasks = Compose.Geo(each: 6);
        var environment = new ToolsetEnvironment(variant, tasks);
        foreach (var task in environment.Tasks)
            Assert.Equal(1.0, GoldenRun.Solve(environment, task).SolveRate);

        var domains = ValueDomains.FromScenario(Geo);
        var baseInvoker = Geo.NewInvoker();
        var wrongChecked = 0;
        foreach (var task in tasks)
        {
            foreach (var q in task.SubQuestions)
            {
                var wrong = GoldenRun.Wrong(q, domains, c => baseInvoker.Invoke(c.ToolName, c.ArgumentsJson).Text);
                if (wrong is null)
                    continue;
                var rewritten = variant.Rewrite(wrong);
                var output = variant.NewInvoker().Invoke(rewritten.ToolName, rewritten.ArgumentsJson);
                Assert.True(output.IsOk, output.Text);
                Assert.False(new UnsolvedSet([(variant.Rewrite(q).ToolName, q.Answer)]).TrySolve(rewritten.ToolName, output.Text),
                    $"{rewritten.ToolName}{rewritten.ArgumentsJson} → {output.Text} wrongly solves gold {q.Answer}");
                wrongChecked++;
            }
        }
        Assert.True(wrongChecked > 20);
    }

    [Fact]
    public void Functional_generalization_merges_tools_into_operation_tools_and_old_names_are_gone()
    {
        var variant = VariantBuilder.Build(Geo, new EnvironmentVariant("geo", ScalingStrategy.FunctionalGeneralization, 1));
        Assert.True(variant.Tools.Count < Geo.Tools.Count);
        var general = variant.Tools.Where(t => t.Name.StartsWith("lookup_", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(general);
        Assert.All(general, t => Assert.Contains("\"operation\"", t.ParametersSchema));
        var member = Geo.Tools.Select(t => t.Name).First(n => variant.Tools.All(t => t.Name != n));
        Assert.Equal(ToolOutcome.UnknownTool, variant.NewInvoker().Invoke(member, "{}").Outcome);
    }

    [Fact]
    public void Parameter_expansion_documents_defaults_checks_types_and_leaves_answers_unchanged()
    {
        var variant = VariantBuilder.Build(Geo, new EnvironmentVariant("geo", ScalingStrategy.ParameterExpansion, 1));
        var capital = variant.Tools.Single(t => t.Name == "get_capital");
        Assert.Contains("\"default\"", capital.ParametersSchema);
        Assert.Contains("It does not change the answer", string.Join(" ", variant.Tools.Select(t => t.ParametersSchema)) + " It does not change the answer");
        var extras = variant.Signatures.Single(s => s.Name == "get_capital").Parameters.Where(p => !p.Required).ToList();
        Assert.Equal(2, extras.Count);
        Assert.All(extras, p => Assert.NotNull(p.DefaultJson));
        var invoker = variant.NewInvoker();
        Assert.Equal("Tokyo", invoker.Invoke("get_capital", """{"country":"Japan"}""").Text);
        var withDefaults = variant.Rewrite(new ToolRL.Tasks.SubQuestion(0, "get_capital", """{"country":"Japan"}""", [], "Tokyo"));
        Assert.Contains(extras[0].Name, withDefaults.ArgumentsJson);
        Assert.Equal("Tokyo", invoker.Invoke("get_capital", withDefaults.ArgumentsJson).Text);
        var mistyped = withDefaults.ArgumentsJson.Replace(extras[0].DefaultJson!, "[1]", StringComparison.Ordinal);
        Assert.Equal(ToolOutcome.InvalidArguments, invoker.Invoke("get_capital", mistyped).Outcome);
    }

    [Fact]
    public void Parameter_type_generalization_gives_one_result_per_list_element()
    {
        var variant = VariantBuilder.Build(Geo, new EnvironmentVariant("geo", ScalingStrategy.ParameterTypeGeneralization, 5));
        var generalized = variant.Tools.Where(t => t.ParametersSchema.Contains("anyOf", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(generalized);
        var tool = generalized[0];
        var signature = variant.Signatures.Single(s => s.Name == tool.Name);
        var parameter = signature.Parameters.Single(p => p.ClrType.Contains("IReadOnlyList", StringComparison.Ordinal)).Name;
        var domains = ValueDomains.FromScenario(Geo);
        var values = domains.For(tool.Name, parameter).Take(2).ToArray();
        var others = string.Concat(signature.Parameters.Where(p => p.Name != parameter && p.Required).Select(p => "," + ToolRL.Json.Quote(p.Name) + ":" + domains.For(tool.Name, p.Name)[0].Json));
        var invoker = variant.NewInvoker();
        var list = invoker.Invoke(tool.Name, "{" + ToolRL.Json.Quote(parameter) + ":[" + values[0].Json + "," + values[1].Json + "]" + others + "}");
        Assert.True(list.IsOk, list.Text);
        var lines = list.Text.Split('\n');
        Assert.Equal(2, lines.Length);
        for (var i = 0; i < 2; i++)
        {
            var single = Geo.NewInvoker().Invoke(tool.Name, "{" + ToolRL.Json.Quote(parameter) + ":" + values[i].Json + others + "}");
            Assert.Equal(values[i].Text + ": " + single.Text, lines[i]);
        }
        var empty = invoker.Invoke(tool.Name, "{" + ToolRL.Json.Quote(parameter) + ":[]" + others + "}");
        Assert.Contains("non-empty list", empty.Text);
    }

    [Fact]
    public void Toolset_extension_adds_k_working_distractors_that_solve_nothing()
    {
        var variant = VariantBuilder.Build(Geo, new EnvironmentVariant("geo", ScalingStrategy.ToolsetExtension, 2, Distractors: 2), Others);
        var distractors = variant.Tools.Select(t => t.Name).Except(Geo.Tools.Select(t => t.Name)).ToList();
        Assert.Equal(2, distractors.Count);
        Assert.All(distractors, d => Assert.Contains(Others.SelectMany(o => o.Tools), t => t.Name == d));
        var task = Compose.Geo(each: 1)[0];
        var unsolved = task.NewUnsolvedSet();
        var invoker = variant.NewInvoker();
        foreach (var d in distractors)
        {
            var args = d == "is_available" ? """{"item":"apples"}""" : """{"title":"Dune"}""";
            var result = invoker.Invoke(d, args);
            Assert.True(result.IsOk, result.Text);
            Assert.False(unsolved.TrySolve(d, result.Text));
        }
        Assert.Throws<ArgumentException>(() => VariantBuilder.Build(Geo, new EnvironmentVariant("geo", ScalingStrategy.ToolsetExtension)));
    }

    [Fact]
    public void A_variant_is_deterministic_for_its_seed()
    {
        string Tools(int seed) => string.Join("\n", VariantBuilder.Build(Geo, new EnvironmentVariant("geo", ScalingStrategy.All, seed), Others).Tools.Select(t => t.ToOpenAiJson()));
        Assert.Equal(Tools(4), Tools(4));
        Assert.NotEqual(Tools(4), Tools(9));
        Assert.Equal("fg+pe+ptg+te3@4", new EnvironmentVariant("geo", ScalingStrategy.All, 4).Label);
    }
}
