namespace ToolRL.Trainer.Tests;
