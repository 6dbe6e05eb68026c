using System.Reflection;
using System.Text;
using System.Text.Json.Serialization;
using FakeServerless.Changes;
using FakeServerless.Changes.Commands;
using FakeServerless.State;

namespace FakeServerless.Tests.Changes;

/// <summary>Every command the C# API and the control API log survives its JSON (what durable mode writes and replays).</summary>
public sealed class StateCommandTests
{
    private const string Account = "AC00000000000000000000000000000001";
    private const string Service = "ZS00000000000000000000000000000001";
    private const string Environment = "ZE00000000000000000000000000000001";

    private static readonly StateCommand[] Samples =
    [
        new CreateServiceCommand(Account, "shop", "Shop", IncludeCredentials: false, UiEditable: true),
        new CreateEnvironmentCommand(Account, Service, "staging", "stage"),
        new SetVariableCommand(Account, Service, Environment, "KEY", "välue\n"),
        new CreateFunctionCommand(Account, Service, "hello"),
        new CreateFunctionVersionCommand(Account, Service, "ZH00000000000000000000000000000001", "/hello", "exports.handler = () => {};", Visibility.Protected),
        new CreateAssetCommand(Account, Service, "logo"),
        new CreateAssetVersionCommand(Account, Service, "ZH00000000000000000000000000000002", "/logo.png", [0, 1, 2, 255], "image/png", Visibility.Private),
        new CreateBuildCommand(Account, Service, ["ZN00000000000000000000000000000001"], [], [new BuildDependency("twilio", "^5")], "node20"),
        new DeployCommand(Account, Service, Environment, null),
        new FinishBuildCommand(Account, Service, "ZB00000000000000000000000000000001", BuildStatus.Failed),
        new AppendLogCommand(Account, Service, Environment, "warn", "careful", null),
        new SnapshotAccountCommand(Account),
        new WriteFunctionLogsCommand(Account, Service, Environment, "ZH00000000000000000000000000000001", [new ConsoleLine("info", "hi"), new ConsoleLine("error", "oops")]),
        new WriteNodeLogsCommand(Account, Service, Environment, [new FunctionLogLine("info", "hi", "ZH00000000000000000000000000000001", "RQ00000000000000000000000000000001"), new FunctionLogLine("error", "oops", null, null)]),
        new NextRequestSidCommand(Account, Service, Environment),
        new CreateApiKeyCommand(Account, new ApiKey("SK00000000000000000000000000000001", "Secret0Secret0Secret0Secret0Secr", Account)),
        new FailNextBuildsCommand(3),
        new MoveClockCommand(new DateTimeOffset(2027, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(6)),
        new ForgetAccountCommand(Account),
        new ResetCommand(),
    ];

    private static IEnumerable<string> Names => Samples.Select(s => s.GetType().Name);

    [Test]
    public void Samples_EveryCommandType_HasOne()
    {
        var declared = typeof(StateCommand).GetCustomAttributes<JsonDerivedTypeAttribute>().Select(a => a.DerivedType);

        Assert.That(Samples.Select(s => s.GetType()), Is.EquivalentTo(declared));
    }

    [TestCaseSource(nameof(Names))]
    public void FromJson_ToJsonOfACommand_IsTheSameCommand(string name)
    {
        var command = Samples.Single(s => s.GetType().Name == name);
        var json = command.ToJson();

        var back = StateCommand.FromJson(json);

        Assert.That(back.GetType(), Is.EqualTo(command.GetType()));
        Assert.That(Encoding.UTF8.GetString(back.ToJson()), Is.EqualTo(Encoding.UTF8.GetString(json)));
        Assert.That(back.AccountOf(), Is.EqualTo(command.AccountOf()));
    }

    [Test]
    public void FromJson_UnknownCommand_ThrowsInvalidData()
    {
        var ex = Assert.Throws<InvalidDataException>(() => StateCommand.FromJson(Encoding.UTF8.GetBytes("""{"command":"launch_rocket"}""")));

        Assert.That(ex!.Message, Does.Contain("not one this fake knows"));
    }
}
