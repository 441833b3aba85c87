using TrainEval.BrowserTests.Infrastructure;

namespace TrainEval.BrowserTests;

public sealed class AuditTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task SEC_02_operator_verifies_the_audit_chain()
    {
        Journey("verify-audit-journey");
        await LoginAsync("operator");
        await WaitForPathAsync("/workbench");

        await GotoAsync("/workbench/audit");
        await Expect(ById("audit-table")).ToContainTextAsync("demo.seeded");
        await ById("audit-verify").ClickAsync();
        await Expect(ById("audit-result")).ToHaveAttributeAsync("data-intact", "true");
        await ScreenshotAsync("audit-verified");
    }
}
