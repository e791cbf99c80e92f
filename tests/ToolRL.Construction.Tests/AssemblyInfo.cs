namespace Construction.Tests;
