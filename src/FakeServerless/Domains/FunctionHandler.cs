namespace FakeServerless;

/// <summary>C# code that stands in for a deployed function: request and console in, response out.</summary>
/// <param name="request">The request to the function.</param>
/// <param name="console">Lines written here become Log records of the environment.</param>
/// <param name="cancellationToken">Cancelled when the fake shuts down.</param>
public delegate ValueTask<FunctionResponse> FunctionHandler(FunctionRequest request, FunctionConsole console, CancellationToken cancellationToken);
