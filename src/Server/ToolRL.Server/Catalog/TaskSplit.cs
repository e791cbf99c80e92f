using System.Text;

namespace ToolRL.Server.Catalog;

/// <summary>
/// The one deterministic train/test split the server offers: a task is in <c>test</c> when the FNV-1a hash of its
/// id (UTF-8) is divisible by 10, otherwise in <c>train</c>. It depends on nothing but the id, so it is the same on
/// every machine, in every run and whatever other tasks exist.
/// </summary>
public static class TaskSplit
{
    /// <summary>The training split's name.</summary>
    public const string Train = "train";

    /// <summary>The held-out split's name.</summary>
    public const string Test = "test";

    /// <summary>The split of the task with id <paramref name="taskId"/>.</summary>
    public static string Of(string taskId)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(taskId))
        {
            hash ^= b;
            hash *= 16777619u;
        }
        return hash % 10 == 0 ? Test : Train;
    }
}
