using ToolRL.Environments;
using ToolRL.Tasks;

namespace ToolRL.Runtime.Tests.Scenario;

/// <summary>Builds test environments and finds their tasks.</summary>
public static class TestEnvironments
{
    public static ToolEnvironment<ITestTools> Create(ToolEnvironmentOptions? options = null) =>
        new(new TestScenario(), () => new TestWorld(), options);

    public static EnvironmentTask Task(this ToolEnvironment<ITestTools> environment, TaskDescriptor<ITestTools> descriptor) =>
        environment.Tasks.Single(t => t.Id == descriptor.Id);
}
