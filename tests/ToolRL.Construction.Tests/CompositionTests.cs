using ToolRL.Construction.Composition;
using Construction.Tests.Scenarios;
using ToolRL.Tasks;
using Xunit.Abstractions;

namespace Construction.Tests;

public sealed class CompositionTests(ITestOutputHelper output)
{
    [Fact]
    public void Prints_a_sample()
    {
        var tasks = new TaskComposer(TestScenarios.Geo()).Compose(new CompositionOptions { SingleHop = 3, ParallelSingleHop = 3, MultiHop = 5, ParallelMultiHop = 3 }).ToList();
        foreach (var t in tasks)
            output.WriteLine($"{t.Structure} | {t.Question} | {t.FinalAnswer} | {string.Join(" ; ", t.SubQuestions.Select(s => s.ToolName + s.ArgumentsJson + "=" + s.Answer))}");
        Assert.NotEmpty(tasks);
    }
}
