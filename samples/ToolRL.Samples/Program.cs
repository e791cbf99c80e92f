Console.WriteLine("ToolRL samples: not wired yet.");
