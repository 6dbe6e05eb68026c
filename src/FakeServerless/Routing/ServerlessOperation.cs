using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace FakeServerless;

/// <summary>
/// The operation ids of the fake: Twilio's own ids for the 41 operations of the Serverless API v1 (as in its OpenAPI
/// document, e.g. <c>CreateDeployment</c>) and the two of its 2010 API the Twilio CLI's set-up calls (<see cref="FetchAccount"/>,
/// <see cref="CreateNewKey"/>), plus <see cref="ServeDomain"/> and <see cref="Unmatched"/>. They name requests in
/// <see cref="JournalEntry.Operation"/>, <see cref="FaultInjector.When"/>, <see cref="RequestJournal.OfOperation"/> and the
/// FluentAssertions <c>HaveReceived</c>, which reject any other string.
/// </summary>
public static class ServerlessOperation
{
    /// <summary><c>GET</c>: lists the Services of the account.</summary>
    public const string ListService = "ListService";

    /// <summary><c>POST</c>: creates a Service.</summary>
    public const string CreateService = "CreateService";

    /// <summary><c>GET</c>: fetches a Service.</summary>
    public const string FetchService = "FetchService";

    /// <summary><c>POST</c>: updates a Service.</summary>
    public const string UpdateService = "UpdateService";

    /// <summary><c>DELETE</c>: deletes a Service.</summary>
    public const string DeleteService = "DeleteService";

    /// <summary><c>GET</c>: lists the Environments of a Service.</summary>
    public const string ListEnvironment = "ListEnvironment";

    /// <summary><c>POST</c>: creates an Environment.</summary>
    public const string CreateEnvironment = "CreateEnvironment";

    /// <summary><c>GET</c>: fetches an Environment.</summary>
    public const string FetchEnvironment = "FetchEnvironment";

    /// <summary><c>DELETE</c>: deletes an Environment.</summary>
    public const string DeleteEnvironment = "DeleteEnvironment";

    /// <summary><c>GET</c>: lists the Variables of an Environment.</summary>
    public const string ListVariable = "ListVariable";

    /// <summary><c>POST</c>: creates a Variable of an Environment.</summary>
    public const string CreateVariable = "CreateVariable";

    /// <summary><c>GET</c>: fetches a Variable of an Environment.</summary>
    public const string FetchVariable = "FetchVariable";

    /// <summary><c>POST</c>: updates a Variable of an Environment.</summary>
    public const string UpdateVariable = "UpdateVariable";

    /// <summary><c>DELETE</c>: deletes a Variable of an Environment.</summary>
    public const string DeleteVariable = "DeleteVariable";

    /// <summary><c>GET</c>: lists the Deployments of an Environment.</summary>
    public const string ListDeployment = "ListDeployment";

    /// <summary><c>POST</c>: creates a Deployment of an Environment.</summary>
    public const string CreateDeployment = "CreateDeployment";

    /// <summary><c>GET</c>: fetches a Deployment of an Environment.</summary>
    public const string FetchDeployment = "FetchDeployment";

    /// <summary><c>GET</c>: lists the Logs of an Environment.</summary>
    public const string ListLog = "ListLog";

    /// <summary><c>GET</c>: fetches a Log of an Environment.</summary>
    public const string FetchLog = "FetchLog";

    /// <summary><c>GET</c>: lists the Functions of a Service.</summary>
    public const string ListFunction = "ListFunction";

    /// <summary><c>POST</c>: creates a Function.</summary>
    public const string CreateFunction = "CreateFunction";

    /// <summary><c>GET</c>: fetches a Function.</summary>
    public const string FetchFunction = "FetchFunction";

    /// <summary><c>POST</c>: updates a Function.</summary>
    public const string UpdateFunction = "UpdateFunction";

    /// <summary><c>DELETE</c>: deletes a Function.</summary>
    public const string DeleteFunction = "DeleteFunction";

    /// <summary><c>GET</c>: lists the Versions of a Function.</summary>
    public const string ListFunctionVersion = "ListFunctionVersion";

    /// <summary><c>POST</c>: creates a Function Version (upload host).</summary>
    public const string CreateFunctionVersion = "CreateFunctionVersion";

    /// <summary><c>GET</c>: fetches a Function Version.</summary>
    public const string FetchFunctionVersion = "FetchFunctionVersion";

    /// <summary><c>GET</c>: fetches the code of a Function Version.</summary>
    public const string FetchFunctionVersionContent = "FetchFunctionVersionContent";

    /// <summary><c>GET</c>: lists the Assets of a Service.</summary>
    public const string ListAsset = "ListAsset";

    /// <summary><c>POST</c>: creates an Asset.</summary>
    public const string CreateAsset = "CreateAsset";

    /// <summary><c>GET</c>: fetches an Asset.</summary>
    public const string FetchAsset = "FetchAsset";

    /// <summary><c>POST</c>: updates an Asset.</summary>
    public const string UpdateAsset = "UpdateAsset";

    /// <summary><c>DELETE</c>: deletes an Asset.</summary>
    public const string DeleteAsset = "DeleteAsset";

    /// <summary><c>GET</c>: lists the Versions of an Asset.</summary>
    public const string ListAssetVersion = "ListAssetVersion";

    /// <summary><c>POST</c>: creates an Asset Version (upload host).</summary>
    public const string CreateAssetVersion = "CreateAssetVersion";

    /// <summary><c>GET</c>: fetches an Asset Version.</summary>
    public const string FetchAssetVersion = "FetchAssetVersion";

    /// <summary><c>GET</c>: lists the Builds of a Service.</summary>
    public const string ListBuild = "ListBuild";

    /// <summary><c>POST</c>: creates a Build.</summary>
    public const string CreateBuild = "CreateBuild";

    /// <summary><c>GET</c>: fetches a Build.</summary>
    public const string FetchBuild = "FetchBuild";

    /// <summary><c>DELETE</c>: deletes a Build.</summary>
    public const string DeleteBuild = "DeleteBuild";

    /// <summary><c>GET</c>: fetches the status of a Build.</summary>
    public const string FetchBuildStatus = "FetchBuildStatus";

    /// <summary><c>GET</c> <c>api.twilio.com/2010-04-01/Accounts/{AC}.json</c>: fetches the Account (the Twilio CLI's <c>profiles:create</c> checks its credentials so).</summary>
    public const string FetchAccount = "FetchAccount";

    /// <summary><c>POST</c> <c>api.twilio.com/2010-04-01/Accounts/{AC}/Keys.json</c>: creates an API key (the one <c>profiles:create</c> stores).</summary>
    public const string CreateNewKey = "CreateNewKey";

    /// <summary>A request to an Environment's domain (<c>*.twil.io</c>), served by the deployed Function or Asset.</summary>
    public const string ServeDomain = "ServeDomain";

    /// <summary>A request that matched no route of the API.</summary>
    public const string Unmatched = "Unmatched";

    private static readonly string[] Ids =
    [
        ListService,
        CreateService,
        FetchService,
        UpdateService,
        DeleteService,
        ListEnvironment,
        CreateEnvironment,
        FetchEnvironment,
        DeleteEnvironment,
        ListVariable,
        CreateVariable,
        FetchVariable,
        UpdateVariable,
        DeleteVariable,
        ListDeployment,
        CreateDeployment,
        FetchDeployment,
        ListLog,
        FetchLog,
        ListFunction,
        CreateFunction,
        FetchFunction,
        UpdateFunction,
        DeleteFunction,
        ListFunctionVersion,
        CreateFunctionVersion,
        FetchFunctionVersion,
        FetchFunctionVersionContent,
        ListAsset,
        CreateAsset,
        FetchAsset,
        UpdateAsset,
        DeleteAsset,
        ListAssetVersion,
        CreateAssetVersion,
        FetchAssetVersion,
        ListBuild,
        CreateBuild,
        FetchBuild,
        DeleteBuild,
        FetchBuildStatus,
        FetchAccount,
        CreateNewKey,
        ServeDomain,
        Unmatched,
    ];

    private static readonly HashSet<string> Known = new(Ids, StringComparer.Ordinal);

    /// <summary>Every operation id, in the order above: the 43 API operations, then <see cref="ServeDomain"/> and <see cref="Unmatched"/>.</summary>
    public static IReadOnlyList<string> All { get; } = Array.AsReadOnly(Ids);

    /// <summary>Whether <paramref name="operation"/> is one of <see cref="All"/> (exact, case-sensitive).</summary>
    /// <param name="operation">The id to check.</param>
    /// <returns><see langword="true"/> when the fake can journal a request under this id.</returns>
    public static bool IsKnown(string? operation) => operation is not null && Known.Contains(operation);

    /// <summary>
    /// Throws an <see cref="ArgumentException"/> when <paramref name="operation"/> is not one of <see cref="All"/>, naming the
    /// closest ids (by edit distance, ignoring case): a typo fails loudly instead of matching nothing.
    /// </summary>
    /// <param name="operation">The id to check.</param>
    /// <param name="parameterName">The name of the caller's parameter, reported in the exception.</param>
    /// <exception cref="ArgumentNullException"><paramref name="operation"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="operation"/> is empty or not an operation id.</exception>
    public static void ThrowIfUnknown(string operation, [CallerArgumentExpression(nameof(operation))] string? parameterName = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(operation, parameterName);
        if (Known.Contains(operation))
        {
            return;
        }

        var message = new StringBuilder().Append(CultureInfo.InvariantCulture, $"Unknown operation '{operation}'. ");
        var closest = Closest(operation);
        if (closest.Count > 0)
        {
            message.Append("Did you mean ").AppendJoin(" or ", closest.Select(static id => $"'{id}'")).Append("? ");
        }

        message.Append("Valid ids are listed in ServerlessOperation.");
        throw new ArgumentException(message.ToString(), parameterName);
    }

    /// <summary>The ids at the smallest edit distance from <paramref name="operation"/> (ignoring case), if that distance is small enough to be a typo.</summary>
    private static List<string> Closest(string operation)
    {
        var typed = operation.ToUpperInvariant();
        var best = int.MaxValue;
        var closest = new List<string>();
        foreach (var id in Ids)
        {
            var distance = EditDistance(typed, id.ToUpperInvariant());
            if (distance < best)
            {
                best = distance;
                closest.Clear();
            }

            if (distance == best)
            {
                closest.Add(id);
            }
        }

        // Further than a third of the typed length is another word, not a typo: suggesting it would mislead.
        return best <= Math.Max(2, typed.Length / 3) ? closest.Take(3).ToList() : [];
    }

    /// <summary>Levenshtein distance, counting a swap of two adjacent characters as one edit (optimal string alignment).</summary>
    private static int EditDistance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
