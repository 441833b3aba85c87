namespace TrainEval.IntegrationTests.Infrastructure;

/// <summary>One seeded application per test class.</summary>
public sealed class TestAppFixture : IDisposable
{
    public TestApp App { get; } = new();
    public TestAppFixture() => App.Server.ToString(); // start now so migrations and seed run once
    public void Dispose() => App.Dispose();
}
