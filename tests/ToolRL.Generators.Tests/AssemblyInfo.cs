namespace ToolRL.Generators.Tests;
