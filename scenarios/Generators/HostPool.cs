using System.Net;
using Bogus;

namespace EStreamer.Scenarios.Generators;

/// <summary>
/// The network the generated traffic talks about: inside hosts with addresses, MACs and names, and the outside
/// web sites (domain names and paths) they visit, drawn once per plan from the scenario seed so that every
/// family sees the same network. Drawing names once also keeps Bogus's slower string builders (domain words
/// go through slug clean-up) out of the per-event path.
/// </summary>
internal sealed class HostPool
{
    public const int Size = 32;

    public const int WebSites = 128;

    /// <summary>Outside addresses the traffic talks to: enough for variety, few enough that a large history shares them.</summary>
    public const int OutsideHosts = 4096;

    public HostPool(int seed)
    {
        var faker = new Faker<Host>()
            .UseSeed(seed)
            .UseDateTimeReference(GeneratorContext.DateReference)
            .CustomInstantiator(f =>
            {
                var address = new IPAddress([10, (byte)f.Random.Int(0, 3), (byte)f.Random.Int(1, 254), (byte)f.Random.Int(1, 254)]);

                // Locally administered unicast MAC: bit 1 set, bit 0 clear in the first octet.
                var mac = f.Random.Bytes(6);
                mac[0] = (byte)((mac[0] & 0xFC) | 0x02);
                return new Host(address, mac, $"{f.Hacker.Noun().Replace(' ', '-')}-{f.Random.Int(1, 99):00}".ToUpperInvariant());
            });
        var hosts = new List<Host>();
        while (hosts.Count < Size)
        {
            var host = faker.Generate();
            if (hosts.All(h => !h.Address.Equals(host.Address)))
            {
                hosts.Add(host);
            }
        }

        Hosts = hosts.ToArray();

        var web = new Faker { Random = new Randomizer(Seeds.Derive(seed, "web", 0)) };
        web.DateTimeReference = GeneratorContext.DateReference;
        Domains = Enumerable.Range(0, WebSites).Select(_ => web.Internet.DomainName()).ToArray();
        Paths = Enumerable.Range(0, WebSites).Select(_ => web.Internet.UrlRootedPath()).ToArray();

        var outside = new Draws(Seeds.Derive(seed, "outside", 0));
        Outside = Enumerable.Range(0, OutsideHosts).Select(_ => NetworkFacts.ExternalAddress(outside)).ToArray();
    }

    public Host[] Hosts { get; }

    /// <summary>Outside domain names, e.g. for SNI, HTTP hosts and download URLs.</summary>
    public string[] Domains { get; }

    /// <summary>URL paths starting with a slash.</summary>
    public string[] Paths { get; }

    /// <summary>Public addresses of the outside world (<see cref="NetworkFacts.ExternalAddress"/>).</summary>
    public IPAddress[] Outside { get; }

    public IPAddress OutsideAddress(Draws random) => random.Pick(Outside);

    public Host? Find(IPAddress address)
    {
        foreach (var host in Hosts)
        {
            if (host.Address.Equals(address))
            {
                return host;
            }
        }

        return null;
    }
}
