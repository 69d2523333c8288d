using HangfireLog = Hangfire.Logging;

namespace EventPlanner.Web.Features.Notifications;

/// <summary>
/// Hangfire's log provider is process-wide and its classes keep the loggers they were handed, so with
/// more than one host in a process (the tests) a stopped host's disposed LoggerFactory would be
/// called by the others. This bridge writes to the host's logging and treats a disposed factory as
/// "not logging" instead of failing the job that happened to log.
/// </summary>
public sealed class HangfireLogBridge(ILoggerFactory factory) : HangfireLog.ILogProvider
{
    public HangfireLog.ILog GetLogger(string name) => new Bridge(factory, name);

    private sealed class Bridge(ILoggerFactory factory, string name) : HangfireLog.ILog
    {
        private ILogger? _logger;

        public bool Log(HangfireLog.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            try
            {
                var logger = _logger ??= factory.CreateLogger(name);
                var level = logLevel switch
                {
                    HangfireLog.LogLevel.Trace => LogLevel.Trace,
                    HangfireLog.LogLevel.Debug => LogLevel.Debug,
                    HangfireLog.LogLevel.Info => LogLevel.Information,
                    HangfireLog.LogLevel.Warn => LogLevel.Warning,
                    HangfireLog.LogLevel.Error => LogLevel.Error,
                    _ => LogLevel.Critical,
                };
                if (!logger.IsEnabled(level)) return false;
                if (messageFunc is not null) logger.Log(level, exception, "{Message}", messageFunc());
                return true;
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }
    }
}
