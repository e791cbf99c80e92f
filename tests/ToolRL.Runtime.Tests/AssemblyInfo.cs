namespace ToolRL.Runtime.Tests;
