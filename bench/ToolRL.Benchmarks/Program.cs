using BenchmarkDotNet.Running;

// `construction-scale` is a single timed streaming run (see ConstructionScale), not a BenchmarkDotNet suite.
if (args is ["construction-scale", ..])
    return ToolRL.Benchmarks.ConstructionScale.Run(args[1..]);
// `rl-sampling` times one RL iteration's sampling on the embedded default's tiny policy (see RlSampling).
if (args is ["rl-sampling", ..])
    return ToolRL.Benchmarks.RlSampling.Run(args[1..]);

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
