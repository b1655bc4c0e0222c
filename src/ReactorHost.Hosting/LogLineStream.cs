using System.Text;
using Microsoft.Extensions.Logging;

namespace ReactorHost.Hosting;

/// <summary>
/// A write-only stream that turns a guest's output into log entries, one per line (UTF-8, the
/// line break and a trailing '\r' removed). A line longer than <see cref="MaxLineBytes"/> is
/// logged in pieces; an unfinished line is logged by <see cref="FlushPartialLine"/> or disposal
/// (not by <see cref="Flush"/>: stdio flushes after every write, often mid-line).
/// </summary>
internal sealed partial class LogLineStream : Stream
{
    public const int MaxLineBytes = 16 * 1024;

    private readonly ILogger _logger;
    private readonly LogLevel _level;
    private readonly string _stream;
    private readonly Lock _gate = new();
    private readonly byte[] _line = new byte[MaxLineBytes];
    private int _length;

    public LogLineStream(ILogger logger, LogLevel level, string stream)
    {
        _logger = logger;
        _level = level;
        _stream = stream;
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        Write(buffer.AsSpan(offset, count));
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        lock (_gate)
        {
            while (!buffer.IsEmpty)
            {
                var newline = buffer.IndexOf((byte)'\n');
                var take = newline < 0 ? buffer.Length : newline;
                var room = MaxLineBytes - _length;
                if (take > room)
                {
                    buffer[..room].CopyTo(_line.AsSpan(_length));
                    _length = MaxLineBytes;
                    Emit();
                    buffer = buffer[room..];
                    continue;
                }

                buffer[..take].CopyTo(_line.AsSpan(_length));
                _length += take;
                if (newline < 0)
                {
                    break;
                }

                Emit();
                buffer = buffer[(newline + 1)..];
            }
        }
    }

    public override void WriteByte(byte value) => Write([value]);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer, offset, count);
        return Task.CompletedTask;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    /// <summary>Nothing: a line is logged when it is complete.</summary>
    public override void Flush()
    {
    }

    /// <summary>Logs the unfinished line, if any (the guest has stopped).</summary>
    public void FlushPartialLine()
    {
        lock (_gate)
        {
            if (_length > 0)
            {
                Emit();
            }
        }
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            FlushPartialLine();
        }

        base.Dispose(disposing);
    }

    private void Emit()
    {
        var length = _length;
        _length = 0;
        if (length > 0 && _line[length - 1] == (byte)'\r')
        {
            length--;
        }

        if (_logger.IsEnabled(_level))
        {
            var line = Encoding.UTF8.GetString(_line, 0, length);
            LogLine(_logger, _level, _stream, line);
        }
    }

    [LoggerMessage(EventId = 1, Message = "[{Stream}] {Line}")]
    private static partial void LogLine(ILogger logger, LogLevel level, string stream, string line);
}
