using GeneratorTests.Infrastructure;

namespace GeneratorTests.Behaviour;

public class SmokeTests
{
    [Fact]
    public void Travel_spec_generates_code_that_compiles_without_warnings()
    {
        var run = GeneratorHarness.Run(Specs.Travel);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationProblems);
    }
}
