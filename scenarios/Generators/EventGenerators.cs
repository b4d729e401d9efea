using EStreamer.Protocol.Records.Intrusion;
using EStreamer.Scenarios.Model;

namespace EStreamer.Scenarios.Generators;

/// <summary>
/// One generator per family for one source, each with its own seeded faker derived from the source's seed:
/// adding intrusion events to a mix does not shift the values drawn for connections.
/// </summary>
internal sealed class EventGenerators
{
    private readonly IntrusionGenerator _intrusion;
    private readonly ImpactAlertGenerator _impactAlert;
    private readonly ConnectionGenerator _connection;
    private readonly FileEventGenerator _file;
    private readonly MalwareGenerator _malware;
    private readonly UserLoginGenerator _userLogin;
    private readonly DiscoveryGenerator _discovery;
    private readonly CorrelationGenerator _correlation;
    private readonly CatalogueGenerator _catalogue;

    public EventGenerators(GeneratorContext context, int seed, IReadOnlySet<EStreamer.Protocol.Records.RecordType>? exceptRecordTypes = null)
    {
        Context = context;
        _intrusion = new IntrusionGenerator(context, Seeds.Derive(seed, "intrusion", 0));
        _impactAlert = new ImpactAlertGenerator(context, Seeds.Derive(seed, "impact-alert", 0));
        _connection = new ConnectionGenerator(context, Seeds.Derive(seed, "connection", 0));
        _file = new FileEventGenerator(context, Seeds.Derive(seed, "file", 0));
        _malware = new MalwareGenerator(context, Seeds.Derive(seed, "malware", 0));
        _userLogin = new UserLoginGenerator(context, Seeds.Derive(seed, "user-login", 0));
        _discovery = new DiscoveryGenerator(context, Seeds.Derive(seed, "discovery", 0));
        _correlation = new CorrelationGenerator(context, Seeds.Derive(seed, "correlation", 0));
        _catalogue = new CatalogueGenerator(context, Seeds.Derive(seed, "record", 0), exceptRecordTypes);
    }

    public GeneratorContext Context { get; }

    /// <summary>The records of one event: the event itself first, then its companions.</summary>
    public IReadOnlyList<GeneratedRecord> Generate(EventKind kind, GenerationRequest request) => kind switch
    {
        EventKind.Intrusion => IntrusionWithAlert(request),
        EventKind.ImpactAlert => _impactAlert.Generate(request),
        EventKind.Connection => _connection.Generate(request),
        EventKind.File => _file.Generate(request),
        EventKind.Malware => _malware.Generate(request),
        EventKind.UserLogin => _userLogin.Generate(request),
        EventKind.Discovery => _discovery.Generate(request),
        EventKind.Correlation => _correlation.Generate(request),
        EventKind.Record => _catalogue.Generate(request),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "no generator for this family"),
    };

    /// <summary>An intrusion event and its companions, then (when the source asks for it) its impact alert, which takes the event's identity.</summary>
    private IReadOnlyList<GeneratedRecord> IntrusionWithAlert(GenerationRequest request)
    {
        var records = _intrusion.Generate(request);
        if (!request.AutoCompanions || !Context.ImpactAlerts || records[0].Record is not IntrusionEventRecord intrusion)
        {
            return records;
        }

        var alert = _impactAlert.Generate(new GenerationRequest(request.Stamp, EventFields.None, intrusion, AutoCompanions: false));
        return [.. records, .. alert];
    }
}
