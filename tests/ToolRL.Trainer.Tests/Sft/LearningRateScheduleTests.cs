using static TorchSharp.torch;

namespace ToolRL.Trainer.Tests.Sft;

using FactAttribute = Xunit.FactAttribute;
using ToolRL.Trainer.Optimization;

public sealed class LearningRateScheduleTests
{
    [Fact]
    public void Warm_up_is_linear_and_the_cosine_ends_at_the_floor()
    {
        var schedule = new LearningRateSchedule { WarmupSteps = 4, FinalFraction = 0.1 };
        Assert.Equal(0.25, schedule.At(0, 14, 1.0), 12);
        Assert.Equal(1.0, schedule.At(3, 14, 1.0), 12);
        Assert.Equal(1.0, schedule.At(4, 14, 1.0), 12);
        // Step 8 is 4 of the 9 decay steps (4..13) in: 0.1 + 0.9 × 0.5 × (1 + cos(4π/9)).
        Assert.Equal(0.1 + 0.45 * (1 + Math.Cos(4 * Math.PI / 9)), schedule.At(8, 14, 1.0), 12);
        Assert.Equal(0.1, schedule.At(13, 14, 1.0), 12);
        Assert.Equal(0.1, schedule.At(20, 14, 1.0), 12);
    }

    [Fact]
    public void The_default_schedule_is_constant()
    {
        var schedule = new LearningRateSchedule();
        Assert.All(Enumerable.Range(0, 10), s => Assert.Equal(3e-3, schedule.At(s, 10, 3e-3), 15));
    }

    [Fact]
    public void Out_of_range_settings_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LearningRateSchedule { FinalFraction = 0 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new LearningRateSchedule { WarmupSteps = -1 }.Validate());
    }

    [Fact]
    public void The_optimizer_steps_with_the_rate_it_is_given()
    {
        using var weight = TorchSharp.torch.nn.Parameter(tensor(new float[] { 1f }));
        using var optimizer = new PolicyOptimizer([weight], new PolicyOptimizerOptions { LearningRate = 0.5, WeightDecay = 0 });
        optimizer.LearningRate = 0.1;
        (weight * 2).sum().backward();
        optimizer.Step();
        // Adam's first step moves by lr × sign(grad).
        Assert.Equal(0.9f, weight.item<float>(), 5);
        Assert.Equal(0.1, optimizer.LearningRate, 12);
        Assert.Throws<ArgumentOutOfRangeException>(() => optimizer.LearningRate = double.NaN);
    }
}
