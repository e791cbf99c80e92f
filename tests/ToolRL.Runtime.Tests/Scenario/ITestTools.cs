namespace ToolRL.Runtime.Tests.Scenario;

/// <summary>
/// The hand-written scenario interface the runtime tests use (the generator is tested on its own):
/// lookups, a stateful cart, and misbehaving tools (slow, throwing, huge output).
/// </summary>
public interface ITestTools
{
    string GetCapital(string country);
    string GetWeather(string city);
    int AddToCart(string item);
    string ListCart();
    string Sleep(int milliseconds);
    string WaitForCancel(int milliseconds, CancellationToken cancellationToken);
    string Fail(string message);
    string Echo(string text);
}
