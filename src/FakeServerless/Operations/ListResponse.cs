using System.Text.Json;
using FakeServerless.Routing;
using FakeServerless.State;
using FakeServerless.Wire;

namespace FakeServerless.Operations;

/// <summary>Answers a list operation with one page of a <see cref="SidList{T}"/>.</summary>
internal static class ListResponse
{
    public static EngineResponse Page<TItem, TRecord>(
        RouteContext ctx,
        SidList<TItem> list,
        string key,
        bool newestFirst,
        Func<TItem, TRecord> recordOf,
        Func<TRecord, string> sidOf,
        Action<Utf8JsonWriter, ResourceUrls, TRecord> write,
        Func<TItem, bool>? filter = null,
        string filters = "")
        where TItem : class
    {
        var request = ctx.Paging();
        var slice = list.Page(request, newestFirst, filter);
        var records = new PageSlice<TRecord>(slice.Items.Select(recordOf).ToList(), slice.HasNext, slice.HasPrevious);
        return EngineResponse.Json(200, w => PageJson.Write(w, ctx.Urls, ctx.Path, filters, key, request, records, sidOf, write));
    }

    public static EngineResponse Page<TRecord>(
        RouteContext ctx,
        SidList<TRecord> list,
        string key,
        bool newestFirst,
        Func<TRecord, string> sidOf,
        Action<Utf8JsonWriter, ResourceUrls, TRecord> write,
        Func<TRecord, bool>? filter = null,
        string filters = "")
        where TRecord : class =>
        Page(ctx, list, key, newestFirst, static r => r, sidOf, write, filter, filters);
}
