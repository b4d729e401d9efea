using EStreamer.Protocol.Negotiation;

namespace EStreamer.Protocol.Tests.Negotiation;

/// <summary>The one reader of client profile names, used by the command line and the peer database.</summary>
public sealed class ClientProfilesTests
{
    [TestCase("auto", ClientProfile.Auto)]
    [TestCase("encore38", ClientProfile.Encore38)]
    [TestCase("ENCORE52", ClientProfile.Encore52)]
    [TestCase("3.8", ClientProfile.Encore38)]
    [TestCase(" 5.2 ", ClientProfile.Encore52)]
    public void Known_names_are_read(string text, ClientProfile expected)
    {
        Assert.That(ClientProfiles.TryParse(text, out var profile), Is.True);
        Assert.That(profile, Is.EqualTo(expected));
    }

    [TestCase("encore99")]
    [TestCase("")]
    [TestCase(null)]
    public void Other_text_is_not_a_profile(string? text) =>
        Assert.That(ClientProfiles.TryParse(text, out _), Is.False);

    [Test]
    public void Every_listed_name_is_read() =>
        Assert.That(ClientProfiles.Names.All(name => ClientProfiles.TryParse(name, out _)), Is.True);
}
