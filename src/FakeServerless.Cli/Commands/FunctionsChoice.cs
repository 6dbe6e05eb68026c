using System.Net;

namespace FakeServerless.Cli.Commands;

/// <summary>
/// What runs deployed functions in the standalone fake: what <c>--functions</c> asked for, else Node when Node.js 18+ is on
/// <c>PATH</c> and the fake listens on loopback only. On any other address Node mode runs only when asked for, since anyone
/// who can reach the port can then run code on this machine.
/// </summary>
/// <param name="Runtime">The runtime to start with.</param>
/// <param name="Node">The Node.js found (Node mode).</param>
/// <param name="Line">The start-up line saying which Node runs functions, or why functions are not run.</param>
/// <param name="Warning">A warning for stderr (Node mode on a non-loopback address).</param>
/// <param name="Error">Why the fake cannot start as asked (<c>--functions node</c> without a usable Node.js).</param>
internal sealed record FunctionsChoice(FunctionRuntime Runtime, NodeInstallation? Node, string Line, string? Warning, string? Error)
{
    public static FunctionsChoice Decide(FunctionRuntime? asked, IPAddress host, Func<string, string?> environment)
    {
        const string Placeholder = "deployed functions answer from C# handlers, canned answers (POST /_fake/functions) or a JSON placeholder";
        if (asked == FunctionRuntime.Handlers)
        {
            return new(FunctionRuntime.Handlers, null, $"Functions are not run (--functions handlers): {Placeholder}.", null, null);
        }

        var loopback = IPAddress.IsLoopback(host);
        if (asked is null && !loopback)
        {
            return new(FunctionRuntime.Handlers, null,
                $"Functions are not run: on {host} Node mode runs only with --functions node (anyone who can reach the port could run code); {Placeholder}.", null, null);
        }

        var node = NodeInstallation.Find(searchPath: environment("PATH") ?? string.Empty);
        var missing = node is null
            ? "no Node.js was found on PATH"
            : node.IsSupported ? null : $"{node} is older than {NodeInstallation.MinimumMajorVersion}";
        if (missing is not null)
        {
            return asked == FunctionRuntime.Node
                ? new(FunctionRuntime.Handlers, null, string.Empty, null, $"--functions node needs Node.js {NodeInstallation.MinimumMajorVersion} or later with npm, and {missing}.")
                : new(FunctionRuntime.Handlers, null, $"Functions are not run: {missing} (Node mode needs {NodeInstallation.MinimumMajorVersion}+); {Placeholder}.", null, null);
        }

        var warning = loopback
            ? null
            : $"Warning: --functions node on {host}: anyone who can reach this port can deploy code and run it on this machine with this process's rights.";
        return new(FunctionRuntime.Node, node, $"Functions run on {node} with Twilio's @twilio/runtime-handler", warning, null);
    }
}
