using StringMarshalling;

// dotnet run --project examples/StringMarshalling
await StringMarshallingDemo.RunAsync(Console.Out, CancellationToken.None);
