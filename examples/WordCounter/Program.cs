using WordCounter;

// dotnet run --project examples/WordCounter [-- WORDS [FEEDERS]]
var words = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 20_000;
var feeders = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 8;
return await WordCounterDemo.RunAsync(words, feeders, Console.Out, CancellationToken.None) ? 0 : 1;
