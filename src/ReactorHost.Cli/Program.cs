using System.CommandLine;

var root = new RootCommand("reactorhost: run WebAssembly modules and WASI guests in .NET");
return root.Parse(args).Invoke();
