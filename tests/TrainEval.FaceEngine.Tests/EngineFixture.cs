namespace TrainEval.FaceEngine.Tests;

/// <summary>One engine per test run (sessions load once); fixtures are copied next to the test assembly.</summary>
public sealed class EngineFixture : IDisposable
{
    public FaceEngine Engine { get; } = FaceEngine.Load(new FaceEngineOptions());

    public static byte[] Image(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    public void Dispose() => Engine.Dispose();
}

[CollectionDefinition(Name)]
public sealed class EngineCollection : ICollectionFixture<EngineFixture>
{
    public const string Name = "face engine";
}
