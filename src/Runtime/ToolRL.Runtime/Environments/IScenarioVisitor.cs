namespace ToolRL.Environments;

/// <summary>
/// Receives an environment's typed scenario and implementation factory. Lets code that holds only an
/// <see cref="IToolEnvironment"/> (the command line, construction) reach the generated scenario without reflection.
/// </summary>
/// <typeparam name="TResult">What the visit produces.</typeparam>
public interface IScenarioVisitor<out TResult>
{
    /// <summary>Called with the environment's scenario and the factory of fresh implementations.</summary>
    TResult Visit<TTools>(IScenario<TTools> scenario, Func<TTools> factory) where TTools : class;
}

/// <summary>An environment built from one generated scenario.</summary>
public interface IScenarioEnvironment : IToolEnvironment
{
    /// <summary>Hands the typed scenario to <paramref name="visitor"/>.</summary>
    TResult Accept<TResult>(IScenarioVisitor<TResult> visitor);
}
