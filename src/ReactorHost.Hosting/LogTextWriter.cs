using System.Text;
using Microsoft.Extensions.Logging;

namespace ReactorHost.Hosting;

/// <summary>A <see cref="TextWriter"/> that logs each line at Trace level (feeds <see cref="ReactorHost.Wasi.TracingWasiHandler"/> into ILogger).</summary>
internal sealed partial class LogTextWriter : TextWriter
{
    private readonly ILogger _logger;
    private readonly StringBuilder _pending = new();
    private readonly Lock _gate = new();

    public LogTextWriter(ILogger logger)
        : base(System.Globalization.CultureInfo.InvariantCulture) => _logger = logger;

    public override Encoding Encoding => Encoding.UTF8;

    public override void WriteLine(string? value)
    {
        lock (_gate)
        {
            if (_pending.Length > 0)
            {
                value = _pending.Append(value).ToString();
                _pending.Clear();
            }

            LogTrace(_logger, value ?? string.Empty);
        }
    }

    public override void Write(char value)
    {
        lock (_gate)
        {
            if (value == '\n')
            {
                var line = _pending.ToString();
                _pending.Clear();
                LogTrace(_logger, line);
            }
            else if (value != '\r')
            {
                _pending.Append(value);
            }
        }
    }

    [LoggerMessage(EventId = 2, Level = LogLevel.Trace, Message = "{Syscall}")]
    private static partial void LogTrace(ILogger logger, string syscall);
}
