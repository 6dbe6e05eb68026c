using System.Text;
using Bogus;

namespace FakeServerless;

/// <summary>
/// Creates realistic, deterministic scenarios in one call through <see cref="FakeServerlessAccount"/>: a service with
/// environments, functions, assets, variables and a completed build. Names, paths and contents come from Bogus with a local
/// seed derived from <see cref="FakeServerlessOptions.Seed"/>: the same fake seed gives the same scenario, SIDs included.
/// Get one with <c>fake.Seed()</c>.
/// </summary>
public sealed class ScenarioSeeder
{
    private readonly FakeServerlessAccount _account;
    private readonly int _seed;

    internal ScenarioSeeder(FakeServerlessAccount account, int seed)
    {
        _account = account;
        _seed = seed;
    }

    /// <summary>A service whose completed build is deployed nowhere yet (unless <paramref name="configure"/> sets <see cref="ScenarioOptions.DeployTo"/>).</summary>
    public SeededScenario ServiceReadyToDeploy(Action<ScenarioOptions>? configure = null) => Scenario(Configure(null, configure));

    /// <summary>A service whose completed build is live in <paramref name="environment"/> (default <c>staging</c>).</summary>
    public SeededScenario ServiceLiveIn(string environment = "staging", Action<ScenarioOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(environment);
        return Scenario(Configure(environment, configure));
    }

    /// <summary>Creates the scenario <paramref name="options"/> describe.</summary>
    /// <exception cref="ArgumentException">The options contradict each other (nothing to build, deploying to an unknown environment, …).</exception>
    /// <exception cref="InvalidOperationException">The fake refused a resource (e.g. a unique name already taken), with Twilio's message.</exception>
    public SeededScenario Scenario(ScenarioOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var existing = _account.Snapshot().Services;
        var seed = options.Seed ?? unchecked((_seed * 1_000_003) + (existing.Count * 7_919) + 20_220);
        var faker = new Faker("en") { Random = new Randomizer(seed) };

        var functionPaths = options.FunctionPaths?.ToArray() ?? [.. ScenarioContent.FunctionPaths(faker)];
        var assetPaths = options.AssetPaths?.ToArray() ?? [.. ScenarioContent.DefaultAssetPaths];
        Validate(options, functionPaths, assetPaths);

        var (company, uniqueName, friendlyName) = DrawService(faker, existing);
        var service = _account.CreateService(options.ServiceUniqueName ?? uniqueName, options.ServiceFriendlyName ?? friendlyName);

        var environments = options.EnvironmentNames
            .Select(name => _account.CreateEnvironment(service.Sid, name, SuffixOf(options, name)))
            .ToList();

        var shared = options.Variables is null ? ScenarioContent.Variables(faker, company) : null;
        foreach (var environment in environments)
        {
            var variables = options.Variables ?? new Dictionary<string, string>(shared!, StringComparer.Ordinal) { ["APP_ENV"] = environment.UniqueName };
            foreach (var (key, value) in variables)
            {
                _account.SetVariable(service.Sid, environment.Sid, key, value);
            }
        }

        var functions = functionPaths.Select(path =>
        {
            var function = _account.CreateFunction(service.Sid, ScenarioContent.FriendlyNameOf(path));
            var code = options.FunctionContents.TryGetValue(path, out var given) ? given : ScenarioContent.FunctionCode(faker, path, company);
            return new SeededFunction(function, _account.CreateFunctionVersion(service.Sid, function.Sid, path, code, options.FunctionVisibility));
        }).ToList();

        var assets = assetPaths.Select(path =>
        {
            var asset = _account.CreateAsset(service.Sid, ScenarioContent.FriendlyNameOf(path));
            var text = options.AssetContents.TryGetValue(path, out var given) ? given : ScenarioContent.AssetText(faker, path, company);
            var version = _account.CreateAssetVersion(
                service.Sid, asset.Sid, path, Encoding.UTF8.GetBytes(text), ScenarioContent.ContentTypeOf(path), options.AssetVisibility);
            return new SeededAsset(asset, version);
        }).ToList();

        var build = _account.CreateBuild(
            service.Sid,
            functions.Select(f => f.Version.Sid),
            assets.Select(a => a.Version.Sid),
            runtime: options.Runtime);
        if (options.CompleteBuild)
        {
            _account.CompleteBuild(service.Sid, build.Sid);
        }

        var deployments = options.DeployTo
            .Select(name => _account.Deploy(service.Sid, environments.Single(e => e.UniqueName == name).Sid, build.Sid))
            .ToList();

        var snapshot = _account.Snapshot();
        var environmentSids = environments.Select(e => e.Sid).ToHashSet(StringComparer.Ordinal);
        return new SeededScenario
        {
            Seed = seed,
            AccountSid = _account.AccountSid,
            Service = snapshot.Service(service.Sid) ?? service,
            Environments = environments.Select(e => snapshot.Environments.Single(s => s.Sid == e.Sid)).ToArray(),
            Functions = functions,
            Assets = assets,
            Variables = snapshot.Variables.Where(v => environmentSids.Contains(v.EnvironmentSid)).ToArray(),
            Build = snapshot.Build(build.Sid) ?? build,
            Deployments = deployments,
        };
    }

    private static ScenarioOptions Configure(string? deployTo, Action<ScenarioOptions>? configure)
    {
        var options = new ScenarioOptions();
        if (deployTo is not null)
        {
            options.DeployTo = [deployTo];
        }

        configure?.Invoke(options);
        return options;
    }

    private static void Validate(ScenarioOptions options, string[] functionPaths, string[] assetPaths)
    {
        if (functionPaths.Length == 0 && assetPaths.Length == 0)
        {
            throw new ArgumentException("A scenario needs at least one function path or asset path: a build needs at least one version.", nameof(options));
        }

        var unknown = options.DeployTo.Where(name => !options.EnvironmentNames.Contains(name)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException(
                $"DeployTo names {string.Join(", ", unknown.Select(n => $"'{n}'"))}, which EnvironmentNames ({string.Join(", ", options.EnvironmentNames.Select(n => $"'{n}'"))}) does not list.",
                nameof(options));
        }

        if (options.DeployTo.Count > 0 && !options.CompleteBuild)
        {
            throw new ArgumentException("DeployTo needs a completed build: leave CompleteBuild true, or deploy yourself once the build finishes.", nameof(options));
        }
    }

    private static string? SuffixOf(ScenarioOptions options, string environment) =>
        options.EnvironmentSuffixes.TryGetValue(environment, out var suffix) ? suffix : ScenarioContent.DomainSuffixFor(environment);

    /// <summary>Draws until the unique name is free in the account (the draw is part of the seeded sequence either way).</summary>
    private static (string Company, string UniqueName, string FriendlyName) DrawService(Faker faker, IReadOnlyList<ServiceRecord> existing)
    {
        for (var attempt = 1; ; attempt++)
        {
            var drawn = ScenarioContent.Service(faker);
            if (attempt > 20)
            {
                drawn.UniqueName = $"{drawn.UniqueName[..Math.Min(drawn.UniqueName.Length, 45)].TrimEnd('-')}-{attempt}";
            }

            if (!existing.Any(s => string.Equals(s.UniqueName, drawn.UniqueName, StringComparison.OrdinalIgnoreCase)))
            {
                return drawn;
            }
        }
    }
}
