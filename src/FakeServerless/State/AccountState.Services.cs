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

        var domainBase = ReserveDomainBase(uniqueName.ToLowerInvariant());
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
        return node.Record;
    }

    /// <summary>Deletes a service and everything under it; its domains stop answering.</summary>
    public void DeleteService(string sidOrUniqueName)
    {
        var node = FindService(sidOrUniqueName);
        foreach (var environment in node.Environments.Items)
        {
            Context.Domains.Unregister(environment.Record.DomainName, DomainEntryOf(environment.Record));
        }

        Context.Domains.ReleaseBase(node.Record.DomainBase);
        Services.Remove(node.Record.Sid);
    }

    /// <summary>
    /// <c>{name}-NNNN</c> with four seeded random digits; after <see cref="StoreContext.DomainBaseTries"/> taken draws, the
    /// first free number in order; when all 10,000 are taken, a 409. Never loops unbounded.
    /// </summary>
    private string ReserveDomainBase(string name)
    {
        for (var i = 0; i < Context.DomainBaseTries; i++)
        {
            var candidate = $"{name}-{Context.Sids.NextInt(10000):D4}";
            if (Context.Domains.TryReserveBase(candidate))
            {
                return candidate;
            }
        }

        for (var n = 0; n < 10000; n++)
        {
            var candidate = $"{name}-{n:D4}";
            if (Context.Domains.TryReserveBase(candidate))
            {
                return candidate;
            }
        }

        throw ServerlessException.Conflict(
            $"No domain base is free for UniqueName {name}: {name}-0000 to {name}-9999 are all in use. Choose another UniqueName.");
    }

    private static DomainEntry DomainEntryOf(EnvironmentRecord environment) =>
        new(environment.AccountSid, environment.ServiceSid, environment.Sid);
}
