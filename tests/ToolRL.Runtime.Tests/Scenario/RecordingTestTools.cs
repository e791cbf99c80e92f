using ToolRL.Tasks;

namespace ToolRL.Runtime.Tests.Scenario;

/// <summary>The recording proxy a generator would emit: forwards each call and records name, arguments, output.</summary>
public sealed class RecordingTestTools(ITestTools inner, GoldenRecorder recorder) : ITestTools
{
    public string GetCapital(string country) => Rec("get_capital", Args("country", country), inner.GetCapital(country));
    public string GetWeather(string city) => Rec("get_weather", Args("city", city), inner.GetWeather(city));
    public int AddToCart(string item) => int.Parse(Rec("add_to_cart", Args("item", item), inner.AddToCart(item).ToString()));
    public string ListCart() => Rec("list_cart", "{}", inner.ListCart());
    public string Sleep(int milliseconds) => Rec("sleep", $"{{\"milliseconds\":{milliseconds}}}", inner.Sleep(milliseconds));
    public string WaitForCancel(int milliseconds, CancellationToken cancellationToken) =>
        Rec("wait_for_cancel", $"{{\"milliseconds\":{milliseconds}}}", inner.WaitForCancel(milliseconds, cancellationToken));
    public string Fail(string message) => Rec("fail", Args("message", message), inner.Fail(message));
    public string Echo(string text) => Rec("echo", Args("text", text), inner.Echo(text));

    private static string Args(string name, string value) => "{" + Json.Quote(name) + ":" + Json.Quote(value) + "}";

    private string Rec(string tool, string args, string output)
    {
        recorder.Record(tool, args, output);
        return output;
    }
}
