using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace FakeServerless.Benchmarks;

/// <summary>
/// Twilio's <c>LocalDevelopmentServer</c> on its own (what <c>twilio-run start</c> runs), serving one function on a loopback
/// port, from the fake's installed runtime-handler: the baseline a function request through the fake is compared with.
/// </summary>
internal sealed class PlainDevServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _folder;

    private PlainDevServer(Process process, string folder, Uri url)
    {
        _process = process;
        _folder = folder;
        Url = url;
    }

    public Uri Url { get; }

    public static async Task<PlainDevServer> StartAsync(FakeServerlessServer fake, string code)
    {
        var folder = Directory.CreateTempSubdirectory("fakeserverless-bench-lds-").FullName;
        var function = Path.Combine(folder, "hello.js");
        await File.WriteAllTextAsync(function, code);
        var runtime = Path.Combine(fake.NodeCacheDirectory!, "runtime-handler", "2.1.0", "node_modules", "@twilio", "runtime-handler", "dist", "dev-runtime", "dev-runtime.js");
        var script = Path.Combine(folder, "server.js");
        await File.WriteAllTextAsync(script, $$"""
            const { LocalDevelopmentServer } = require({{JsonSerializer.Serialize(runtime)}});
            const server = new LocalDevelopmentServer(0, {
              baseDir: {{JsonSerializer.Serialize(folder)}}, env: {}, port: 0, url: 'http://localhost', detailedLogs: false, live: false,
              logs: false, legacyMode: false, appName: 'bench', forkProcess: false, enableDebugLogs: false,
              routes: { functions: [{ name: '/hello', path: '/hello', access: 'public', content: '', filePath: {{JsonSerializer.Serialize(function)}} }], assets: [] },
            });
            const listener = server.getApp().listen(0, '127.0.0.1', () => console.log(listener.address().port));
            process.stdin.on('end', () => process.exit(0));
            process.stdin.resume();
            """);
        var start = new ProcessStartInfo(fake.Node!.Executable, script) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        var process = Process.Start(start)!;
        var port = int.Parse((await process.StandardOutput.ReadLineAsync())!, CultureInfo.InvariantCulture);
        return new PlainDevServer(process, folder, new Uri($"http://127.0.0.1:{port}/hello"));
    }

    public async ValueTask DisposeAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
