using Microsoft.Extensions.Hosting;
using SocketHttpServer;

// dotnet run --project examples/SocketHttpServer      then: curl -i http://127.0.0.1:8080/hello.txt
using var host = HttpServerApp.CreateBuilder(args).Build();
await host.RunAsync();
