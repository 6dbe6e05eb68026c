using System.Diagnostics;

namespace FakeServerless.Aspire.Hosting.Tests;

/// <summary>Asks the <c>docker</c> command line whether an image exists, so a missing daemon or image fails saying so.</summary>
internal static class DockerCli
{
    public static async Task<(int ExitCode, string Output)> ImageIdAsync(string image)
    {
        var start = new ProcessStartInfo("docker", ["image", "inspect", "--format", "{{.Id}}", image])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        try
        {
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
            return (process.ExitCode, ((await stdout) + (await stderr)).Trim());
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (127, $"cannot run docker: {ex.Message}");
        }
    }
}
