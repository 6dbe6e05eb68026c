using System.Text.Json;
using FakeServerless.Messages;
using FakeServerless.Routing;
using FakeServerless.State;
using FakeServerless.Wire;

namespace FakeServerless.Operations;

/// <summary>Answers a list operation with one page the backend read.</summary>
internal static class ListResponse
{
    public static EngineResponse Page<TRecord>(
        RouteContext ctx,
        Func<PageRequest, PageSlice<TRecord>> read,
        string key,
        Func<TRecord, string> sidOf,
        Action<Utf8JsonWriter, ResourceUrls, TRecord> write,
        string filters = "")
    {
        var request = ctx.Paging();
        var slice = read(request);
        return EngineResponse.Json(200, w => PageJson.Write(w, ctx.Urls, ctx.Path, filters, key, request, slice, sidOf, write));
    }
}
