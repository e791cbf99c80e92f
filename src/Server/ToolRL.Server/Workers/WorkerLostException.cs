namespace ToolRL.Server.Workers;

/// <summary>
/// The worker process that held a session's tool state exited (for example a tool recursed until the stack
/// overflowed, which .NET cannot catch). The state is gone; the session cannot go on. Other sessions are unaffected.
/// </summary>
public sealed class WorkerLostException(string message) : Exception(message);
