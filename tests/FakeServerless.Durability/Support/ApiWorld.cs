using System.Net.Http.Headers;
using System.Text;

namespace FakeServerless.Durability.Support;

/// <summary>
/// One of every resource, seeded from C# on a fake, so a sample request of any operation has something to act on: a service with
/// an environment (a variable, a log, a live build, a deployment), a function and an asset with a version each, a spare function
/// and asset with none (deletable), and a finished build that is deployed nowhere (deletable).
/// </summary>
public sealed record ApiWorld(
    string Service,
    string Environment,
    string Variable,
    string Deployment,
    string Log,
    string Function,
    string FunctionVersion,
    string SpareFunction,
    string Asset,
    string AssetVersion,
    string SpareAsset,
    string Build,
    string SpareBuild)
{
    public static ApiWorld Seed(FakeServerlessServer fake)
    {
        var a = fake.Account();
        var service = a.CreateService("shop").Sid;
        var environment = a.CreateEnvironment(service, "staging", "stage").Sid;
        var variable = a.SetVariable(service, environment, "KEY", "value").Sid;
        var function = a.CreateFunction(service, "hello").Sid;
        var functionVersion = a.CreateFunctionVersion(service, function, "/hello", "exports.handler = (c, e, cb) => cb(null, 'hi');").Sid;
        var spareFunction = a.CreateFunction(service, "spare").Sid;
        var asset = a.CreateAsset(service, "index").Sid;
        var assetVersion = a.CreateAssetVersion(service, asset, "/index.html", "<h1>Hi</h1>"u8.ToArray(), "text/html").Sid;
        var spareAsset = a.CreateAsset(service, "spare").Sid;
        var build = a.CreateBuild(service, [functionVersion], [assetVersion]).Sid;
        var spareBuild = a.CreateBuild(service, [functionVersion]).Sid;
        a.CompleteBuild(service, build);
        a.CompleteBuild(service, spareBuild);
        var deployment = a.Deploy(service, environment, build).Sid;
        var log = a.AppendLog(service, environment, "hello").Sid;
        return new ApiWorld(service, environment, variable, deployment, log, function, functionVersion, spareFunction, asset, assetVersion, spareAsset, build, spareBuild);
    }

    /// <summary>An HTTP client of <paramref name="fake"/> with Basic credentials of its account.</summary>
    public static HttpClient Client(FakeServerlessServer fake)
    {
        var http = fake.CreateHttpClient();
        http.BaseAddress = new Uri(fake.Url, "/v1/");
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{fake.AccountSid}:{fake.AuthToken}")));
        return http;
    }

    public static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    /// <summary>A version upload, as the deploy toolkit sends it.</summary>
    public static MultipartFormDataContent Upload(string path, string content, string contentType)
    {
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(content));
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return new MultipartFormDataContent
        {
            { new StringContent(path), "Path" },
            { new StringContent("public"), "Visibility" },
            { file, "Content", Path.GetFileName(path) },
        };
    }
}
