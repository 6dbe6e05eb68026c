using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace FakeServerless.Tests.Support;

/// <summary>
/// Debian's headless Chromium driven by Selenium through Debian's chromedriver (no browser or driver download: Selenium
/// Manager is never asked because both paths are given). A fresh profile per instance, deleted on dispose. When either
/// program is missing the test fails saying how to install them: a browser test must not pass by skipping.
/// </summary>
internal sealed class HeadlessChromium : IDisposable
{
    public const string BrowserPath = "/usr/bin/chromium";
    public const string DriverPath = "/usr/bin/chromedriver";

    private readonly string _profile;

    public HeadlessChromium()
    {
        var missing = new[] { BrowserPath, DriverPath }.Where(p => !File.Exists(p)).ToList();
        if (missing.Count > 0)
        {
            Assert.Fail($"The browser tests need Debian's Chromium and its driver, but {string.Join(" and ", missing)} is missing. " +
                "build/test.sh installs them (as root); by hand: apt-get update && apt-get install -y chromium chromium-driver");
        }

        _profile = Directory.CreateTempSubdirectory("fakeserverless-chromium-").FullName;
        var options = new ChromeOptions { BinaryLocation = BrowserPath };
        options.AddArguments(
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-proxy-server", "--window-size=1400,1000", $"--user-data-dir={_profile}");
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(DriverPath)!, Path.GetFileName(DriverPath));
        service.HideCommandPromptWindow = true;
        service.SuppressInitialDiagnosticInformation = true;
        try
        {
            Driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
        }
        catch
        {
            service.Dispose();
            Directory.Delete(_profile, recursive: true);
            throw;
        }
    }

    public ChromeDriver Driver { get; }

    /// <summary>Polls <paramref name="condition"/> every 100 ms until it holds (bounded: fails after 15 s, naming <paramref name="what"/>).</summary>
    public T WaitFor<T>(string what, Func<IWebDriver, T?> condition)
    {
        var wait = new WebDriverWait(Driver, TimeSpan.FromSeconds(15)) { PollingInterval = TimeSpan.FromMilliseconds(100), Message = "The page never showed " + what };
        wait.IgnoreExceptionTypes(typeof(NoSuchElementException), typeof(StaleElementReferenceException));
        return wait.Until(condition)!;
    }

    /// <summary>Saves a PNG of the window under the test's work directory and returns its path.</summary>
    public string Screenshot(string name)
    {
        var directory = Directory.CreateDirectory(Path.Combine(TestContext.CurrentContext.WorkDirectory, "screenshots")).FullName;
        var path = Path.Combine(directory, name + ".png");
        Driver.GetScreenshot().SaveAsFile(path);
        TestContext.AddTestAttachment(path, name);
        return path;
    }

    public void Dispose()
    {
        Driver.Quit();
        Driver.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // Chromium may still be flushing its profile; a leftover temp directory is harmless.
        }
    }
}
