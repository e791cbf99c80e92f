using ToolRL.Trainer.Runs;

namespace ToolRL.Trainer.Tests.Runs;

public class TorchRngTests
{
    [Fact]
    public void Step_seeds_differ_by_step_and_stream_and_repeat()
    {
        Assert.Equal(TorchRng.StepSeed(1, 2, 3), TorchRng.StepSeed(1, 2, 3));
        var seeds = new HashSet<int>();
        for (var step = 0; step < 50; step++)
            for (var stream = 0; stream < 4; stream++)
                seeds.Add(TorchRng.StepSeed(7, step, stream));
        Assert.Equal(200, seeds.Count);
    }
}
