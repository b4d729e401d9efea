using System.Net;
using Bogus;

namespace EStreamer.Scenarios.Generators;

/// <summary>
/// The inside network the generated traffic talks about: a fixed number of hosts with addresses, MACs and
/// names, drawn once per plan from the scenario seed so that every family sees the same hosts.
/// </summary>
internal sealed class HostPool
{
    public const int Size = 32;

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

        Hosts = hosts;
    }

    public IReadOnlyList<Host> Hosts { get; }

    public Host? Find(IPAddress address) => Hosts.FirstOrDefault(h => h.Address.Equals(address));
}
