using ToolRL.Tasks;

namespace ToolRL.Runtime.Tests.Tasks;

public sealed class TaskStructuresTests
{
    private static GoldenCallSpec C(int i, params int[] deps) => new(i, "t", deps);

    public static TheoryData<string, GoldenCallSpec[], TaskStructure, int> Graphs => new()
    {
        { "one call", [C(0)], TaskStructure.SingleHop, 1 },
        { "three independent", [C(0), C(1), C(2)], TaskStructure.ParallelSingleHop, 1 },
        { "chain of two", [C(0), C(1, 0)], TaskStructure.MultiHop, 2 },
        { "chain of three", [C(0), C(1, 0), C(2, 1)], TaskStructure.MultiHop, 3 },
        { "chain with a shortcut edge", [C(0), C(1, 0), C(2, 0, 1)], TaskStructure.MultiHop, 3 },
        { "two chains", [C(0), C(1, 0), C(2), C(3, 2)], TaskStructure.ParallelMultiHop, 2 },
        { "two inputs joined", [C(0), C(1), C(2, 0, 1)], TaskStructure.ParallelMultiHop, 2 },
        { "diamond", [C(0), C(1, 0), C(2, 0), C(3, 1, 2)], TaskStructure.ParallelMultiHop, 3 },
        { "chain beside a lone call", [C(0), C(1, 0), C(2)], TaskStructure.ParallelMultiHop, 2 },
    };

    [Theory]
    [MemberData(nameof(Graphs))]
    public void Classifies_and_measures_depth(string name, GoldenCallSpec[] calls, TaskStructure structure, int depth)
    {
        Assert.Equal(structure, TaskStructures.Classify(calls));
        Assert.Equal(depth, TaskStructures.HopDepth(calls));
        Assert.NotEmpty(name);
    }

    [Fact]
    public void Rejects_an_empty_graph_and_forward_dependencies()
    {
        Assert.Throws<ArgumentException>(() => TaskStructures.Classify([]));
        var ex = Assert.Throws<ArgumentException>(() => TaskStructures.Classify([C(0, 1), C(1)]));
        Assert.Contains("Call 0 depends on call 1", ex.Message);
    }

    [Fact]
    public void The_test_tasks_declare_the_structure_their_graph_has()
    {
        foreach (var task in Scenario.TestTasks.All)
            Assert.Equal(task.Structure, TaskStructures.Classify(task.Calls));
    }
}
