namespace ToolRL.Runtime.Tests.Environments;

/// <summary>
/// Tests that bound how long a call takes run alone (not beside the other test classes), and with thread-pool
/// headroom: their tools block pool threads on purpose (Thread.Sleep), and on a 2-core machine the pool adds
/// threads only about twice a second, which would delay the timeout timer's callback, not the session.
/// Production note: processes that run many blocking tools should raise ThreadPool.SetMinThreads likewise.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingCollection : ICollectionFixture<TimingCollection.PoolHeadroom>
{
    public const string Name = "Timing";

    public sealed class PoolHeadroom
    {
        public PoolHeadroom()
        {
            ThreadPool.GetMinThreads(out var workers, out var io);
            ThreadPool.SetMinThreads(Math.Max(workers, 32), io);
        }
    }
}
