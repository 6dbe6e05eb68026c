using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using FakeServerless.Changes;
using FakeServerless.Changes.Commands;
using FakeServerless.State;
using Microsoft.Extensions.Logging;

namespace FakeServerless.Functions;

/// <summary>
/// Node mode's build step, as Twilio's build does it: when a build is created it installs the runtime-handler and the build's
/// dependencies with npm (cached per set) and compiles every function; the build stays <c>building</c> meanwhile and ends
/// <c>failed</c> when a dependency cannot be resolved (or npm cannot reach the registry with nothing cached) or a function
/// does not compile. The reason is logged and kept (<see cref="FailureReason"/>).
/// </summary>
internal sealed class BuildPreparer(NodeCache cache, ServerlessBackend backend, StateWriter writer, ILogger logger) : IBuildGate
{
    private readonly ConcurrentDictionary<string, Task> _pending = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _failures = new(StringComparer.Ordinal);

    /// <summary>Called for every build created (Node mode starts a spare process then).</summary>
    public Action? BuildCreated { get; set; }

    public void Created(BuildRecord build)
    {
        BuildCreated?.Invoke();
        if (build.FunctionVersions.Count == 0 && build.Dependencies.All(d => d.Name == NodeCache.RuntimeHandlerPackage))
        {
            return; // only assets: nothing to install or check
        }

        if (cache.HasInstalled(build.Dependencies))
        {
            // Everything is cached: decide now, before the create answer is sent, so the first look at the build sees its
            // outcome (as BuildCompletion.Immediate promises). This runs inside the request (durable mode logs it with it).
            if (PrepareAsync(build).GetAwaiter().GetResult() is { } reason)
            {
                Fail(build, reason, insideRequest: true);
            }

            return;
        }

        var work = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[build.Sid] = work.Task;
        _ = Task.Run(async () =>
        {
            try
            {
                if (await PrepareAsync(build).ConfigureAwait(false) is { } reason)
                {
                    Fail(build, reason, insideRequest: false);
                }
            }
            finally
            {
                work.TrySetResult();
                _pending.TryRemove(new KeyValuePair<string, Task>(build.Sid, work.Task));
            }
        });
    }

    public bool IsPending(string buildSid) => _pending.TryGetValue(buildSid, out var work) && !work.IsCompleted;

    /// <summary>Why Node mode failed a build; null when it did not.</summary>
    public string? FailureReason(string buildSid) => _failures.GetValueOrDefault(buildSid);

    /// <summary>Waits for every build step running now (tests and the benchmark).</summary>
    public Task WhenIdleAsync() => Task.WhenAll(_pending.Values);

    /// <summary>Installs and checks; the reason the build fails, or null.</summary>
    private async Task<string?> PrepareAsync(BuildRecord build)
    {
        try
        {
            if (build.FunctionVersions.Count > 0)
            {
                await cache.RuntimeHandlerAsync(NodeCache.RuntimeHandlerVersionOf(build.Dependencies), CancellationToken.None).ConfigureAwait(false);
            }

            await cache.DependenciesAsync(build.Dependencies, CancellationToken.None).ConfigureAwait(false);
            return build.FunctionVersions.Count == 0 ? null : await CheckAsync(build).ConfigureAwait(false);
        }
        catch (NodeInstallException ex)
        {
            return ex.Message;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return $"Node mode could not prepare the build: {ex.Message}";
        }
    }

    /// <summary>Compiles every function as a CommonJS module (<c>function-host.js --check</c>); the first errors, or null.</summary>
    private async Task<string?> CheckAsync(BuildRecord build)
    {
        var start = new ProcessStartInfo(cache.Node.Executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(cache.HostScript);
        start.ArgumentList.Add("--check");
        start.Environment.Remove("NODE_OPTIONS");
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {cache.Node.Executable}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(JsonSerializer.Serialize(new { files = build.FunctionVersions.Select(f => new { path = f.Path, source = f.Content }) })).ConfigureAwait(false);
        process.StandardInput.Close();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1)).ConfigureAwait(false);
        var text = await output.ConfigureAwait(false);
        if (process.ExitCode != 0 || text.Length == 0)
        {
            throw new InvalidOperationException($"the code check exited with {process.ExitCode}: {await errors.ConfigureAwait(false)}");
        }

        using var result = JsonDocument.Parse(text);
        var problems = result.RootElement.EnumerateArray().Select(e => $"{e.GetProperty("path").GetString()}: {e.GetProperty("error").GetString()}").ToList();
        return problems.Count == 0 ? null : $"a function does not compile: {string.Join("; ", problems.Take(3))}";
    }

    /// <param name="build">The build.</param>
    /// <param name="reason">Why it fails.</param>
    /// <param name="insideRequest">True inside the change that created the build (already on the write path, so the build is
    /// failed directly); false later, from the build step's own task (a change of its own, logged in durable mode).</param>
    private void Fail(BuildRecord build, string reason, bool insideRequest)
    {
        _failures[build.Sid] = reason;
        logger.LogWarning("Build {BuildSid} failed: {Reason}", build.Sid, reason);
        try
        {
            if (insideRequest)
            {
                backend.FinishBuild(build.AccountSid, build.ServiceSid, build.Sid, BuildStatus.Failed);
            }
            else
            {
                writer.Apply(new FinishBuildCommand(build.AccountSid, build.ServiceSid, build.Sid, BuildStatus.Failed));
            }
        }
        catch (ServerlessException)
        {
            // The build or its service was deleted meanwhile.
        }
        catch (InvalidOperationException ex)
        {
            logger.LogWarning("Build {BuildSid} could not be marked failed: {Reason}", build.Sid, ex.Message); // durable mode cannot write
        }
    }
}
