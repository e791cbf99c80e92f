using System.Reflection;
using ToolRL.Samples.Scenarios.Shop;
using ToolRL.Samples.Scenarios.Travel;

namespace ToolRL.Samples.Tests.Scenarios;

/// <summary>
/// Runs every hand-written task body directly on the hand-written implementations (each on a fresh
/// instance), independent of the generator: a typo in a task's literal arguments fails here.
/// </summary>
public class TaskBodiesRunTests
{
    public static TheoryData<string> TravelTasks => TaskNames(typeof(TravelTasks));
    public static TheoryData<string> ShopTasks => TaskNames(typeof(ShopTasks));

    [Theory]
    [MemberData(nameof(TravelTasks))]
    public void Travel_task_runs_on_the_travel_world(string method) =>
        Assert.NotNull(Invoke(typeof(TravelTasks), method, new TravelWorld()));

    [Theory]
    [MemberData(nameof(ShopTasks))]
    public void Shop_task_runs_on_a_fresh_shop(string method) =>
        Assert.NotNull(Invoke(typeof(ShopTasks), method, new ShopWorld()));

    private static TheoryData<string> TaskNames(Type tasks) =>
        new(tasks.GetMethods(BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public)
            .Where(m => m.GetCustomAttribute<ToolRL.TaskAttribute>() is not null)
            .Select(m => m.Name));

    private static object? Invoke(Type tasks, string method, object tools)
    {
        var info = tasks.GetMethod(method, BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public)!;
        try
        {
            return info.Invoke(null, [tools]);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw new Xunit.Sdk.XunitException($"{method} threw: {e.InnerException.Message}");
        }
    }
}
