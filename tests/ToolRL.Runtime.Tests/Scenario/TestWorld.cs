namespace ToolRL.Runtime.Tests.Scenario;

/// <summary>A deterministic local implementation with per-instance cart state.</summary>
public sealed class TestWorld : ITestTools
{
    private static readonly Dictionary<string, string> Capitals = new(StringComparer.OrdinalIgnoreCase)
    {
        ["France"] = "Paris",
        ["Japan"] = "Tokyo",
        ["Italy"] = "Rome",
    };

    private static readonly Dictionary<string, string> Weather = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Paris"] = "Sunny 21 C",
        ["Tokyo"] = "Rain 15 C",
        ["Rome"] = "Cloudy 18 C",
    };

    private readonly List<string> _cart = [];

    /// <summary>Set when a cooperative tool saw its token cancelled.</summary>
    public TaskCompletionSource ObservedCancellation { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string GetCapital(string country) =>
        Capitals.TryGetValue(country, out var c) ? c : $"no capital known for {country}";

    public string GetWeather(string city) =>
        Weather.TryGetValue(city, out var w) ? w : $"no forecast for {city}";

    public int AddToCart(string item)
    {
        _cart.Add(item);
        return _cart.Count;
    }

    public string ListCart() => string.Join(";", _cart);

    public string Sleep(int milliseconds)
    {
        Thread.Sleep(milliseconds);
        return "awake";
    }

    public string WaitForCancel(int milliseconds, CancellationToken cancellationToken)
    {
        if (cancellationToken.WaitHandle.WaitOne(milliseconds))
        {
            ObservedCancellation.TrySetResult();
            cancellationToken.ThrowIfCancellationRequested();
        }
        return "waited";
    }

    /// <summary>Throws with <paramref name="message"/>; "unprintable" throws an exception whose Message getter throws.</summary>
    public string Fail(string message) =>
        message == "unprintable" ? throw new UnprintableException() : throw new InvalidOperationException(message);

    public string Echo(string text) => text;
}

/// <summary>A hostile exception: reading its message throws.</summary>
public sealed class UnprintableException : Exception
{
    public override string Message => throw new NotSupportedException("no message for you");
}
