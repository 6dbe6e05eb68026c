using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using FakeServerless.Cli.Parsing;
using FakeServerless.Proxy;

namespace FakeServerless.Cli.Commands;

/// <summary>
/// The root command: start the fake, print where it listens, its account and seed, then one line per request; stop when the
/// token fires (Ctrl+C or SIGTERM). Writes only to the invocation's writers, so tests run it in-process.
/// </summary>
internal static class ServeRunner
{
    public static async Task<int> RunAsync(ServeOptions serve, ParseResult result, Func<string, string?> environment, CancellationToken cancellationToken)
    {
        var stdout = result.InvocationConfiguration.Output;
        var stderr = result.InvocationConfiguration.Error;
        var host = result.GetValue(serve.Host)!;
        // Not the engine: a random seed keeps SIDs minted before a restart from naming a new resource after it.
        var seed = result.GetValue(serve.Seed) ?? RandomNumberGenerator.GetInt32(int.MaxValue);
        var options = Options(serve, result, seed, stderr);
        if (!IPAddress.IsLoopback(host))
        {
            await stderr.WriteLineAsync(
                $"Warning: listening on {host} lets anyone who can reach this address read and change the fake's state; " +
                "set --control-token (FAKESERVERLESS_CONTROL_TOKEN) to protect its control API.").ConfigureAwait(false);
            await stderr.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }

        var gate = new Lock();
        void WriteLine(string line)
        {
            lock (gate)
            {
                stdout.WriteLine(line);
                stdout.Flush();
            }
        }

        var functions = FunctionsChoice.Decide(result.GetValue(serve.Functions), host, environment);
        if (functions.Error is { } noNode)
        {
            await stderr.WriteLineAsync($"fake-serverless: {noNode}").ConfigureAwait(false);
            await stderr.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            return CliRunner.BadArguments;
        }

        options.FunctionRuntime = functions.Runtime;
        options.NodeExecutable = functions.Node?.Executable;
        options.NodeCacheDirectory ??= environment("FAKESERVERLESS_NODE_CACHE");
        options.LoggerFactory = new FunctionsLog(WriteLine);
        if (functions.Warning is { } nodeWarning)
        {
            await stderr.WriteLineAsync(nodeWarning).ConfigureAwait(false);
            await stderr.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }

        FakeServerlessServer fake;
        try
        {
            fake = await FakeServerlessServer.StartAsync(options, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return CliRunner.Ok;
        }
        catch (DataDirectoryException ex)
        {
            await stderr.WriteLineAsync($"fake-serverless: {ex.Message}").ConfigureAwait(false);
            await stderr.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            return CliRunner.BadDataDirectory;
        }
        catch (CertificateAuthorityException ex)
        {
            // --ca-dir names a folder the proxy must not use: an argument to change, as a bad value is.
            await stderr.WriteLineAsync($"fake-serverless: --ca-dir: {ex.Message}").ConfigureAwait(false);
            await stderr.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            return CliRunner.BadArguments;
        }
        catch (ListenException ex)
        {
            var reason = Innermost(ex).Message;
            var proxy = ex.Role == ListenerRole.Proxy;
            await stderr.WriteLineAsync(ex.AddressInUse
                ? $"{(proxy ? "Proxy port" : "Port")} {ex.Port} is already in use: {reason}"
                : $"fake-serverless could not listen on {ValueParsers.UrlOf(host, ex.Port)}{(proxy ? " for the proxy" : string.Empty)}: {reason}").ConfigureAwait(false);
            await stderr.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            return CliRunner.CannotListen;
        }

        await using (fake.ConfigureAwait(false))
        {
            fake.Journal.EntryAdded += entry => WriteLine(Format(entry));
            WriteLine($"Listening on {ValueParsers.UrlOf(host, fake.Url.Port)}");
            WriteLine($"Control API and dashboard on {ValueParsers.UrlOf(host, fake.Url.Port)}/_fake/{(options.ControlToken is null ? string.Empty : " (bearer token required)")}");
            if (fake.ProxyUrl is { } proxy)
            {
                WriteLine($"Proxy on {ValueParsers.UrlOf(host, proxy.Port)}");
                WriteLine($"CA certificate {fake.CertificateAuthorityPath}");
            }

            WriteLine(fake.Node is null ? functions.Line : $"{functions.Line}, npm cache {fake.NodeCacheDirectory}");
            WriteLine($"Account {fake.AccountSid}, auth token {fake.AuthToken}{(options.RequireExactCredentials ? " (strict)" : string.Empty)}. Ctrl+C to stop.");
            foreach (var note in fake.Persistence.RecoveryNotes)
            {
                await stderr.WriteLineAsync($"fake-serverless: {note}").ConfigureAwait(false);
            }

            await stderr.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            if (fake.Persistence.DataDirectory is { } dataDirectory)
            {
                WriteLine($"Data in {dataDirectory} (SIDs continue its own seed, {fake.Options.Seed.ToString(CultureInfo.InvariantCulture)})");
            }
            else
            {
                WriteLine(string.Create(CultureInfo.InvariantCulture, $"Seed {seed} (pass --seed {seed} to repeat these SIDs)"));
            }

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

        return CliRunner.Ok;
    }

    /// <summary>The fake's options: <paramref name="result"/>'s, with its warnings and errors (a 500's stack) logged to <paramref name="stderr"/>.</summary>
    internal static FakeServerlessOptions Options(ServeOptions serve, ParseResult result, int seed, TextWriter stderr)
    {
        var options = serve.ToServerOptions(result, seed);
        options.LoggerFactory = new ErrorLog(stderr); // the client's 500 says "see its log": this is its log
        return options;
    }

    /// <summary>One request as a log line: <c>POST /v1/Services 201 3ms CreateService</c>.</summary>
    internal static string Format(JournalEntry entry)
    {
        var status = entry.StatusCode == 0 ? "dropped" : entry.StatusCode.ToString(CultureInfo.InvariantCulture);
        var path = entry.Operation == "ServeDomain" ? $"//{entry.Host}{entry.Path}" : entry.Path;
        var code = entry.ErrorCode is { } c ? $" ({c})" : string.Empty;
        return FormattableString.Invariant($"{entry.Method} {path} {status} {entry.Duration.TotalMilliseconds:0}ms {entry.Operation}{code}");
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
