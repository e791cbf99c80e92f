namespace ToolRL.Trainer.Runs;

/// <summary>A run configuration problem (a run config file, or a loop's settings); the message names the setting or file.</summary>
public sealed class RunConfigException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RunConfigException(string message, Exception? inner = null) : base(message, inner) { }
}
