using System.CommandLine;
using ReactorHost.Cli.Commands;

// Each command lives in Commands/ and is only registered here.
var root = new RootCommand("reactorhost: run WebAssembly modules and WASI guests in .NET")
{
    WastCommand.Create(),
    BenchCommand.Create(),
    RunCommand.Create(),
};
return root.Parse(args).Invoke();
