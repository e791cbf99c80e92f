using System.Collections.Immutable;
using ToolRL.Generators.Emitting;
using ToolRL.Generators.Model;
using ToolRL.Tasks;

namespace GeneratorTests.Behaviour;

/// <summary>The generator's compile-time classifier must agree with the Runtime's TaskStructures.Classify.</summary>
public class StructureClassifierTests
{
    [Fact]
    public void Agrees_with_the_runtime_on_random_call_graphs()
    {
        var random = new Random(20260524);
        var seen = new HashSet<TaskStructure>();
        for (var trial = 0; trial < 2000; trial++)
        {
            var count = random.Next(1, 7);
            var runtime = new List<GoldenCallSpec>();
            var compileTime = new List<CallModel>();
            for (var i = 0; i < count; i++)
            {
                var dependsOn = Enumerable.Range(0, i).Where(_ => random.NextDouble() < 0.3).ToArray();
                runtime.Add(new GoldenCallSpec(i, "t", dependsOn));
                compileTime.Add(new CallModel(i, "t", new EquatableArray<int>(dependsOn.ToImmutableArray())));
            }
            var expected = TaskStructures.Classify(runtime);
            seen.Add(expected);
            Assert.Equal(expected.ToString(), TaskStructureClassifier.Classify(new EquatableArray<CallModel>(compileTime.ToImmutableArray())));
        }
        Assert.Equal(4, seen.Count);
    }
}
