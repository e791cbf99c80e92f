using ToolRL;
using ToolRL.Environments;
using ToolRL.Tools;

// Runs the generated dispatcher, codec, facts implementation and golden-task loader after NativeAOT compilation, and
// prints one line per call; the test compares the lines with the same program's output under the JIT.
var environment = new ToolEnvironment<AotProbe.IGeo>(AotProbe.GeoScenario.Instance);
using var session = environment.OpenSession();
string[][] calls =
[
    ["get_capital", """{"country":"japan"}"""],
    ["get_capital", """{"country":"Atlantis"}"""],
    ["get_borders", """{"country":"Peru"}"""],
    ["get_distance", """{"from":"Lima","to":"Tokyo","unit":"Miles","stops":[1,2]}"""],
    ["get_distance", """{"from":"Lima","to":"Tokyo","unit":"Parsecs"}"""],
    ["get_distance", """{"from":"Lima","to":"\ud800"}"""],
    ["get_distance", """{"from":"Lima","to":"Tokyo","factor":1e400}"""],
    ["get_longest_border", """{"country":"Peru"}"""],
];
foreach (var call in calls)
{
    var result = await session.ExecuteAsync(new ToolCall(call[0], call[1]));
    Console.WriteLine($"{call[0]} -> {result.Outcome}: {result.Text}");
}
foreach (var task in environment.Tasks)
    Console.WriteLine($"{task.Id} [{task.Structure}] {string.Join(" | ", task.SubQuestions.Select(q => q.ArgumentsJson + " => " + q.Answer))} => {task.FinalAnswer}");
return 0;

namespace AotProbe
{
    /// <summary>Units.</summary>
    public enum DistanceUnit { Kilometres, Miles }

    /// <summary>A border.</summary>
    /// <param name="Country">The neighbour.</param>
    /// <param name="Kilometres">Its length.</param>
    public sealed record Border(string Country, double Kilometres);

    /// <summary>Geography facts.</summary>
    [Scenario("aot-geo")]
    [FactsFile("data/capitals.facts.json")]
    [ToolFact("GetDistance", 9000.5, "Lima", "Tokyo")]
    public interface IGeo
    {
        /// <summary>The capital of a country.</summary>
        /// <param name="country">The country.</param>
        [Tool] string GetCapital(string country);

        /// <summary>The borders of a country.</summary>
        /// <param name="country">The country.</param>
        [Tool] IReadOnlyList<Border> GetBorders(string country);

        /// <summary>Distance between two cities.</summary>
        /// <param name="from">From.</param>
        /// <param name="to">To.</param>
        /// <param name="unit">Unit.</param>
        /// <param name="stops">Stops.</param>
        /// <param name="factor">Scale.</param>
        [Tool] double GetDistance(string from, string to, DistanceUnit unit = DistanceUnit.Kilometres, int[]? stops = null, double factor = 1.0);

        /// <summary>The longest border of a country (asynchronous).</summary>
        /// <param name="country">The country.</param>
        [Tool] System.Threading.Tasks.Task<Border> GetLongestBorder(string country);
    }

    /// <summary>Tasks.</summary>
    public static class GeoTasks
    {
        [Task("How far is Lima from the capital of Japan?")]
        public static double Far(IGeo g) => g.GetDistance("Lima", g.GetCapital("Japan"));

        // An async tool, awaited in an async task, and a hop through a property of its record result.
        [Task("What is the capital of the country along Peru's longest border?")]
        public static async System.Threading.Tasks.Task<string> Neighbour(IGeo g) => g.GetCapital((await g.GetLongestBorder("Peru")).Country);
    }
}
