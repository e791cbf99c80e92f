namespace ToolRL.Samples.Tests;
