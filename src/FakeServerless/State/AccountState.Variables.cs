using System.Text;

namespace FakeServerless.State;

internal sealed partial class AccountState
{
    public VariableRecord FindVariable(EnvironmentNode environment, string variableSid) =>
        environment.Variables.TryGet(variableSid, out var record) ? record : throw ServerlessException.NotFound();

    public VariableRecord CreateVariable(EnvironmentNode environment, string key, string value)
    {
        RequireNotBlank("Key", key);
        ValidateVariable(key, value);
        if (environment.Variables.Items.Any(v => string.Equals(v.Key, key, StringComparison.Ordinal)))
        {
            throw ServerlessException.Conflict($"Variable with Key {key} already exists in this Environment.");
        }

        var now = Now;
        var record = new VariableRecord
        {
            Sid = NewSid(SidPrefix.Variable),
            AccountSid = AccountSid,
            ServiceSid = environment.Record.ServiceSid,
            EnvironmentSid = environment.Record.Sid,
            Key = key,
            Value = value,
            DateCreated = now,
            DateUpdated = now,
        };
        environment.Variables.Add(record);
        return record;
    }

    public VariableRecord UpdateVariable(EnvironmentNode environment, string variableSid, string? key, string? value)
    {
        var current = FindVariable(environment, variableSid);
        if (key is not null)
        {
            RequireNotBlank("Key", key);
        }

        ValidateVariable(key ?? current.Key, value ?? current.Value);
        if (key is not null && environment.Variables.Items.Any(v => v.Sid != variableSid && string.Equals(v.Key, key, StringComparison.Ordinal)))
        {
            throw ServerlessException.Conflict($"Variable with Key {key} already exists in this Environment.");
        }

        var updated = current with { Key = key ?? current.Key, Value = value ?? current.Value, DateUpdated = Now };
        environment.Variables.Replace(updated);
        return updated;
    }

    public void DeleteVariable(EnvironmentNode environment, string variableSid)
    {
        if (!environment.Variables.Remove(variableSid))
        {
            throw ServerlessException.NotFound();
        }

    }

    private static void ValidateVariable(string key, string value)
    {
        RequireLength("Key", key, 128);
        if (Encoding.UTF8.GetByteCount(value) > 450)
        {
            throw ServerlessException.Invalid("Value must be 450 bytes or less in size.");
        }
    }
}
