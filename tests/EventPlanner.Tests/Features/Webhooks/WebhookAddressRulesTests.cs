using System.Net;
using EventPlanner.Web.Features.Webhooks;

namespace EventPlanner.Tests.Features.Webhooks;

[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class WebhookAddressRulesTests
{
    [Theory]
    [InlineData("127.0.0.1")] [InlineData("0.0.0.0")] [InlineData("10.0.0.1")] [InlineData("172.16.0.1")] [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")] [InlineData("169.254.169.254")] [InlineData("100.64.0.1")] [InlineData("224.0.0.1")] [InlineData("255.255.255.255")]
    [InlineData("198.18.0.1")] [InlineData("192.0.2.1")]
    [InlineData("::")] [InlineData("::1")] [InlineData("fe80::1")] [InlineData("fc00::1")] [InlineData("fd12:3456::1")] [InlineData("ff02::1")]
    [InlineData("::ffff:127.0.0.1")] [InlineData("::ffff:192.168.0.1")] [InlineData("64:ff9b::a00:1")] [InlineData("64:ff9b:1::1")]
    [InlineData("2002:7f00:1::1")] [InlineData("2002:a00:1::")] [InlineData("2001:0:4136:e378::1")] [InlineData("2001:db8::1")] [InlineData("::127.0.0.1")]
    public void Non_public_addresses_and_the_IPv6_forms_that_carry_them_are_forbidden(string address) =>
        Assert.True(WebhookAddressRules.IsForbidden(IPAddress.Parse(address)), address);

    [Theory]
    [InlineData("93.184.215.14")] [InlineData("1.1.1.1")] [InlineData("172.32.0.1")] [InlineData("100.128.0.1")] [InlineData("8.8.8.8")]
    [InlineData("2606:4700::1111")] [InlineData("::ffff:1.1.1.1")] [InlineData("64:ff9b::101:101")] [InlineData("2002:101:101::1")]
    public void Public_addresses_are_allowed(string address) =>
        Assert.False(WebhookAddressRules.IsForbidden(IPAddress.Parse(address)), address);

    [Fact]
    public void A_signature_verifies_only_with_its_secret_body_and_a_recent_timestamp()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
        var header = WebhookRules.Signature("whsec_k", now.ToUnixTimeSeconds(), "{\"a\":1}");

        Assert.Matches("^t=1800000000,v1=[0-9a-f]{64}$", header);
        Assert.True(WebhookRules.Verify("whsec_k", header, "{\"a\":1}", now, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookRules.Verify("whsec_k", header, "{\"a\":2}", now, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookRules.Verify("whsec_other", header, "{\"a\":1}", now, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookRules.Verify("whsec_k", header, "{\"a\":1}", now.AddHours(1), TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public void Retries_back_off_for_at_least_a_day_before_the_delivery_fails()
    {
        var options = new WebhookOptions();
        var total = Enumerable.Range(1, options.MaxAttempts - 1).Select(options.BackoffAfter).Aggregate(TimeSpan.Zero, (a, b) => a + b);
        Assert.InRange(total, TimeSpan.FromHours(24), TimeSpan.FromHours(36));
    }
}
