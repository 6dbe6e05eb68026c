using System.Globalization;
using System.Net.Sockets;

namespace FakeServerless.Cli;

/// <summary>
/// The whole command: parse, start the fake on 127.0.0.1, print where it listens and one line per request, stop when
/// <c>cancellationToken</c> fires. Writes only to the writers it is given, so tests run it in-process.
/// </summary>
internal static class CliRunner
{
    /// <summary>Stopped normally (cancelled) or printed help.</summary>
    public const int Ok = 0;

    /// <summary>The arguments were invalid.</summary>
    public const int BadArguments = 1;

    /// <summary>The fake could not listen (port in use, or another bind failure).</summary>
    public const int CannotListen = 2;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);

        if (!CliOptions.TryParse(args, out var options, out var error))
        {
            await stderr.WriteLineAsync($"fake-serverless: {error}").ConfigureAwait(false);
            await stderr.WriteLineAsync("Run 'fake-serverless --help' for usage.").ConfigureAwait(false);
            await stderr.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            return BadArguments;
        }

        if (options.ShowHelp)
        {
            await stdout.WriteAsync(CliOptions.Usage).ConfigureAwait(false);
            await stdout.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            return Ok;
        }

        FakeServerlessServer fake;
        try
        {
            fake = await FakeServerlessServer.StartAsync(options.ToServerOptions(), cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Ok;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            var reason = Innermost(ex).Message;
            await stderr.WriteLineAsync(IsAddressInUse(ex)
                ? $"Port {options.Port} is already in use: {reason}"
                : $"fake-serverless could not listen on 127.0.0.1:{options.Port}: {reason}").ConfigureAwait(false);
            await stderr.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            return CannotListen;
        }

        await using (fake.ConfigureAwait(false))
        {
            var gate = new Lock();
            void WriteLine(string line)
            {
                lock (gate)
                {
                    stdout.WriteLine(line);
                    stdout.Flush();
                }
            }

            fake.Journal.EntryAdded += entry => WriteLine(Format(entry));
            WriteLine($"Listening on {fake.Url.GetLeftPart(UriPartial.Authority)}");
            WriteLine($"Account {fake.AccountSid}, auth token {fake.AuthToken}{(options.StrictCredentials ? " (strict)" : string.Empty)}. Ctrl+C to stop.");
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C or SIGTERM: stop normally.
            }

            WriteLine("Stopping.");
        }

        return Ok;
    }

    /// <summary>One request as a log line: <c>POST /v1/Services 201 3ms CreateService</c>.</summary>
    internal static string Format(JournalEntry entry)
    {
        var status = entry.StatusCode == 0 ? "dropped" : entry.StatusCode.ToString(CultureInfo.InvariantCulture);
        var path = entry.Operation == "ServeDomain" ? $"//{entry.Host}{entry.Path}" : entry.Path;
        var code = entry.ErrorCode is { } c ? $" ({c})" : string.Empty;
        return FormattableString.Invariant($"{entry.Method} {path} {status} {entry.Duration.TotalMilliseconds:0}ms {entry.Operation}{code}");
    }

    private static bool IsAddressInUse(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } ||
                e.GetType().Name == "AddressInUseException" ||
                e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static Exception Innermost(Exception ex)
    {
        while (ex.InnerException is not null)
        {
            ex = ex.InnerException;
        }

        return ex;
    }
}
