namespace FakeServerless.State;

internal sealed partial class AccountState
{
    public EnvironmentNode FindEnvironment(ServiceNode service, string environmentSid) =>
        service.Environments.TryGet(environmentSid, out var node) ? node : throw ServerlessException.NotFound();

    public EnvironmentRecord CreateEnvironment(ServiceNode service, string uniqueName, string? domainSuffix)
    {
        RequireNotBlank("UniqueName", uniqueName);
        RequireLength("UniqueName", uniqueName, 100);
        domainSuffix = string.IsNullOrEmpty(domainSuffix) ? null : domainSuffix;
        if (domainSuffix is not null)
        {
            RequireLength("DomainSuffix", domainSuffix, 16);
            if (!UrlFriendly().IsMatch(domainSuffix))
            {
                throw ServerlessException.Invalid("DomainSuffix may only contain letters, numbers and dashes, and must not start or end with a dash.");
            }
        }

        if (service.Environments.Items.Any(e =>
                string.Equals(e.Record.UniqueName, uniqueName, StringComparison.Ordinal) ||
                string.Equals(e.Record.DomainSuffix, domainSuffix, StringComparison.OrdinalIgnoreCase)))
        {
            throw ServerlessException.Conflict("Environment with this UniqueName or DomainSuffix already exists.");
        }

        var domainName = domainSuffix is null
            ? $"{service.Record.DomainBase}.twil.io"
            : $"{service.Record.DomainBase}-{domainSuffix.ToLowerInvariant()}.twil.io";
        if (Context.Domains.IsTaken(domainName))
        {
            throw DomainTaken(domainName);
        }

        var now = Now;
        var record = new EnvironmentRecord
        {
            Sid = NewSid(SidPrefix.Environment),
            AccountSid = AccountSid,
            ServiceSid = service.Record.Sid,
            BuildSid = null,
            UniqueName = uniqueName,
            DomainSuffix = domainSuffix,
            DomainName = domainName,
            DateCreated = now,
            DateUpdated = now,
        };
        if (!Context.Domains.TryRegister(domainName, DomainEntryOf(record)))
        {
            throw DomainTaken(domainName); // another account took it a moment ago
        }

        service.Environments.Add(new EnvironmentNode(record));
        return record;
    }

    /// <summary>Deletes an environment with its variables, deployments and logs; its domain stops answering.</summary>
    public void DeleteEnvironment(ServiceNode service, string environmentSid)
    {
        var node = FindEnvironment(service, environmentSid);
        Context.Domains.Unregister(node.Record.DomainName, DomainEntryOf(node.Record));
        service.Environments.Remove(environmentSid);
    }

    private static ServerlessException DomainTaken(string domainName) =>
        ServerlessException.Conflict($"Domain {domainName} is already in use by another Environment. Choose another DomainSuffix.");
}
