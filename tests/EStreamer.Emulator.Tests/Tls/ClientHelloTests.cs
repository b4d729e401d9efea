using System.Security.Authentication;
using EStreamer.Emulator.Tls;

namespace EStreamer.Emulator.Tests.Tls;

/// <summary>Reading the versions a client offers from its first record, and saying why they do not fit.</summary>
public sealed class ClientHelloTests
{
    private const string Random32 = "0000000000000000000000000000000000000000000000000000000000000000";

    [Test]
    public void Hello_without_extensions_offers_its_legacy_version()
    {
        var hello = ClientHello.Parse(Convert.FromHexString("160301002D" + "01000029" + "0302" + Random32 + "00" + "0002002F" + "0100"));
#pragma warning disable SYSLIB0039 // TLS 1.1 is named only as what a refused client offers.
        Assert.That(hello.Offered, Is.EqualTo(SslProtocols.Tls11));
#pragma warning restore SYSLIB0039
        Assert.That(hello.VersionMismatch(SslProtocols.Tls12 | SslProtocols.Tls13), Is.EqualTo("TLS 1.1 is not accepted; the server speaks TLS 1.2/1.3"));
    }

    [Test]
    public void Supported_versions_extension_overrides_the_legacy_version()
    {
        // Extensions: supported_versions (0x002b) listing GREASE, TLS 1.3; nothing else.
        var extensions = "002B0005" + "04" + "0A0A" + "0304";
        var body = "0303" + Random32 + "00" + "0002002F" + "0100" + "0009" + extensions;
        var handshake = "01" + (body.Length / 2).ToString("X6") + body;
        var hello = ClientHello.Parse(Convert.FromHexString("160301" + (handshake.Length / 2).ToString("X4") + handshake));
        Assert.That(hello.Offered, Is.EqualTo(SslProtocols.Tls13));
        Assert.That(hello.VersionMismatch(SslProtocols.Tls12), Is.EqualTo("TLS 1.3 is not accepted; the server speaks TLS 1.2 (TLS 1.3 is off: --tls13 on)"));
        Assert.That(hello.VersionMismatch(SslProtocols.Tls12 | SslProtocols.Tls13), Is.Null);
    }

    [TestCase("47455420")]
    [TestCase("00")]
    public void Anything_else_is_not_tls(string hex)
    {
        var hello = ClientHello.Parse(Convert.FromHexString(hex));
        Assert.That(hello.IsTls, Is.False);
        Assert.That(hello.FirstBytes, Is.EqualTo(hex));
    }

    [TestCase("16")]
    [TestCase("1603010200010001FC0303")]
    [TestCase("160301002D0100002903020000")]
    public void Truncated_hello_is_unknown_rather_than_an_error(string hex)
    {
        Assert.That(ClientHello.Parse(Convert.FromHexString(hex)).Offered, Is.EqualTo(SslProtocols.None));
    }
}
