using System.Text;
using System.Text.Json;
using FakeServerless.State;

namespace FakeServerless.Wire;

/// <summary>The list envelope: <c>{ key: [...], meta: { page, page_size, first_page_url, previous_page_url, url, next_page_url, key } }</c>.</summary>
internal static class PageJson
{
    public static void Write<T>(
        Utf8JsonWriter w,
        ResourceUrls urls,
        string path,
        string filters,
        string key,
        PageRequest request,
        PageSlice<T> slice,
        Func<T, string> sidOf,
        Action<Utf8JsonWriter, ResourceUrls, T> writeItem)
    {
        var prefix = new StringBuilder(urls.Base).Append(path).Append('?').Append(filters).Append("PageSize=").Append(request.PageSize).ToString();
        var self = $"{prefix}&Page={request.Page}";
        if (request.TokenSid is not null)
        {
            self += $"&PageToken={(request.TokenIsBefore ? "PB" : "PA")}{request.TokenSid}";
        }

        w.WriteStartObject();
        w.WriteStartArray(key);
        foreach (var item in slice.Items)
        {
            writeItem(w, urls, item);
        }

        w.WriteEndArray();
        w.WriteStartObject("meta");
        w.WriteNumber("page", request.Page);
        w.WriteNumber("page_size", request.PageSize);
        w.WriteString("first_page_url", $"{prefix}&Page=0");
        // Page never goes below 0: items that arrive before a page (newest-first lists) can leave a page 0 with more before it.
        var previousPage = Math.Max(0, request.Page - 1);
        w.WriteString("previous_page_url", slice.HasPrevious && slice.Items.Count > 0
            ? $"{prefix}&Page={previousPage}&PageToken=PB{sidOf(slice.Items[0])}"
            : slice.HasPrevious ? $"{prefix}&Page={previousPage}" : null);
        w.WriteString("url", self);
        w.WriteString("next_page_url", slice.HasNext && slice.Items.Count > 0
            ? $"{prefix}&Page={request.Page + 1}&PageToken=PA{sidOf(slice.Items[^1])}"
            : null);
        w.WriteString("key", key);
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
