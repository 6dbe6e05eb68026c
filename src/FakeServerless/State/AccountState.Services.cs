namespace FakeServerless.State;

internal sealed partial class AccountState
{
    /// <summary>Finds a service by <c>ZS</c> SID or by unique name.</summary>
    public ServiceNode FindService(string sidOrUniqueName)
    {
        if (Services.TryGet(sidOrUniqueName, out var node))
        {
            return node;
        }

        return Services.Items.FirstOrDefault(s => string.Equals(s.Record.UniqueName, sidOrUniqueName, StringComparison.OrdinalIgnoreCase))
            ?? throw ServerlessException.NotFound();
    }

    public ServiceRecord CreateService(string uniqueName, string friendlyName, bool includeCredentials, bool uiEditable)
    {
        RequireNotBlank("UniqueName", uniqueName);
        RequireNotBlank("FriendlyName", friendlyName);
        RequireLength("UniqueName", uniqueName, 50);
        RequireLength("FriendlyName", friendlyName, 255);
        if (!UrlFriendly().IsMatch(uniqueName))
        {
            throw ServerlessException.Invalid("UniqueName may only contain letters, numbers and dashes, and must not start or end with a dash.");
        }

        if (Services.Items.Any(s => string.Equals(s.Record.UniqueName, uniqueName, StringComparison.OrdinalIgnoreCase)))
        {
            throw ServerlessException.Conflict($"Service with UniqueName {uniqueName} already exists.");
        }

        string domainBase;
        do
        {
            domainBase = $"{uniqueName.ToLowerInvariant()}-{Context.Sids.NextInt(10000):D4}";
            Context.Mutated();
        }
        while (!Context.Domains.TryReserveBase(domainBase));

        var now = Now;
        var record = new ServiceRecord
        {
            Sid = NewSid(SidPrefix.Service),
            AccountSid = AccountSid,
            UniqueName = uniqueName,
            FriendlyName = friendlyName,
            IncludeCredentials = includeCredentials,
            UiEditable = uiEditable,
            DomainBase = domainBase,
            DateCreated = now,
            DateUpdated = now,
        };
        Services.Add(new ServiceNode(record));
        return record;
    }

    public ServiceRecord UpdateService(string sidOrUniqueName, string? friendlyName, bool? includeCredentials, bool? uiEditable)
    {
        var node = FindService(sidOrUniqueName);
        if (friendlyName is not null)
        {
            RequireNotBlank("FriendlyName", friendlyName);
            RequireLength("FriendlyName", friendlyName, 255);
        }

        node.Record = node.Record with
        {
            FriendlyName = friendlyName ?? node.Record.FriendlyName,
            IncludeCredentials = includeCredentials ?? node.Record.IncludeCredentials,
            UiEditable = uiEditable ?? node.Record.UiEditable,
            DateUpdated = Now,
        };
        Services.Replace(node);
        Context.Mutated();
        return node.Record;
    }

    /// <summary>Deletes a service and everything under it; its domains stop answering.</summary>
    public void DeleteService(string sidOrUniqueName)
    {
        var node = FindService(sidOrUniqueName);
        foreach (var environment in node.Environments.Items)
        {
            Context.Domains.Unregister(environment.Record.DomainName);
        }

        Context.Domains.ReleaseBase(node.Record.DomainBase);
        Services.Remove(node.Record.Sid);
        Context.Mutated();
    }
}
