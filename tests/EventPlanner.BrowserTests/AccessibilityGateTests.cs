using EventPlanner.BrowserTests.Infrastructure;

namespace EventPlanner.BrowserTests;

/// <summary>Shows the axe gate that every browser test relies on really fails on a serious violation.</summary>
public sealed class AccessibilityGateTests
{
    [BrowserFact]
    public async Task The_axe_check_fails_on_a_page_with_an_unlabelled_form_field()
    {
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.NewPersonAsync("http://127.0.0.1");
        await page.SetContentAsync("<!DOCTYPE html><html lang=\"en\"><head><title>t</title></head><body><main><h1>Form</h1><input type=\"text\"></main></body></html>");

        var error = await Assert.ThrowsAsync<Xunit.Sdk.XunitException>(page.AssertAccessibleAsync);

        Assert.Contains("label", error.Message);
    }
}
