using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Rest.Serverless.V1;
using Twilio.Rest.Serverless.V1.Service;

namespace FakeServerless.Contract.Support;

/// <summary>
/// The services a test created; <see cref="DeleteAllAsync"/> deletes them newest first in TearDown, whatever the test's
/// outcome. Deleting a service deletes everything under it. Already deleted services (404) are fine.
/// </summary>
internal sealed class CleanupRegistry
{
    private readonly Lock _gate = new();
    private readonly List<string> _serviceSids = [];

    public void AddService(string serviceSid)
    {
        lock (_gate)
        {
            _serviceSids.Add(serviceSid);
        }
    }

    /// <summary>Deletes every registered service; returns the failures (other than 404) to report.</summary>
    public async Task<IReadOnlyList<string>> DeleteAllAsync(TwilioRestClient client)
    {
        string[] sids;
        lock (_gate)
        {
            sids = [.. Enumerable.Reverse(_serviceSids)];
            _serviceSids.Clear();
        }

        var failures = new List<string>();
        foreach (var sid in sids)
        {
            try
            {
                await DeleteServiceAsync(sid, client);
            }
            catch (ApiException ex) when (ex.Status == 404)
            {
                // The test deleted it itself.
            }
            catch (Exception ex) when (ex is TwilioException or HttpRequestException or TaskCanceledException)
            {
                failures.Add($"{sid}: {ex.Message}");
            }
        }

        return failures;
    }

    /// <summary>Deletes the service; if it is refused (409), deletes its environments first (taking down what is live) and retries.</summary>
    private static async Task DeleteServiceAsync(string serviceSid, TwilioRestClient client)
    {
        try
        {
            await ServiceResource.DeleteAsync(serviceSid, client: client);
        }
        catch (ApiException ex) when (ex.Status == 409)
        {
            foreach (var environment in await EnvironmentResource.ReadAsync(serviceSid, client: client))
            {
                await EnvironmentResource.DeleteAsync(serviceSid, environment.Sid, client: client);
            }

            await ServiceResource.DeleteAsync(serviceSid, client: client);
        }
    }
}
