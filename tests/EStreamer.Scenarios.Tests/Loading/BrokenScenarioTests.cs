namespace EStreamer.Scenarios.Tests.Loading;

public sealed class BrokenScenarioTests
{
    private const string File = "broken.yaml";

    // Each case: a broken scenario and the one error it must produce, exactly as `scenario validate` prints it.
    private static readonly (string Name, string Yaml, string Expected)[] Table =
    [
        ("unknown root key", "name: x\nseeds: 3\n",
            "broken.yaml:2:1: unknown key 'seeds' in the scenario (did you mean 'seed'?); expected one of: name, description, seed, server, metadata, timeline, traffic, faults"),
        ("seed of the wrong type", "name: x\nseed: many\n",
            "broken.yaml:2:7: 'seed' must be an integer, got 'many'"),
        ("server that is a list", "name: x\nserver: [intrusion]\n",
            "broken.yaml:2:9: 'server' must be a mapping, got a list"),
        ("missing name", "seed: 3\n",
            "broken.yaml:1:1: the scenario is missing required key 'name'"),
        ("empty file", "",
            "broken.yaml:1:1: the file holds no scenario; expected a mapping with at least 'name'"),
        ("invalid YAML", "name: [unclosed\n",
            "broken.yaml:2:1: not valid YAML: While parsing a flow sequence, did not find expected ',' or ']'."),
        ("duplicate key", "name: x\nname: y\n",
            "broken.yaml:2:1: not valid YAML: duplicate key 'name'"),
        ("unknown rule key", "name: x\ntimeline:\n  - at: 1s\n    intrusion:\n      rule: struts\n",
            "broken.yaml:5:13: unknown rule 'struts'; rules in metadata: java-version, struts-rce, trojan-cnc, local-admin-login, bare-byte"),
        ("unknown rendered SID", "name: x\ntimeline:\n  - at: 1s\n    intrusion:\n      sid: 999\n",
            "broken.yaml:5:12: no rule in metadata renders SID 999; rendered gid:SID pairs: 1:2019401, 1:30524, 1:45548, 1:31337, 119:4"),
        ("unknown internal rule ID", "name: x\ntimeline:\n  - at: 1s\n    correlation:\n      rule-id: 31337\n",
            "broken.yaml:5:16: no rule in metadata has rule ID 31337; gid:rule-id pairs: 1:2019401, 1:30524, 1:45548, 1:1000001, 119:4"),
        ("misspelt event field", "name: x\ntimeline:\n  - at: 1s\n    intrusion:\n      sorce-ip: 192.0.2.1\n",
            "broken.yaml:5:7: unknown key 'sorce-ip' in intrusion event (did you mean 'source-ip'?); expected one of: device, event-id, source-ip, destination-ip, source-port, destination-port, protocol, user, rule, sid, rule-id, gid, revision, classification, priority, impact-flags, impact, blocked, vlan, intrusion-policy, access-policy, http-hostname, http-uri, packet, extra-data, set"),
        ("port out of range", "name: x\ntimeline:\n  - at: 1s\n    connection:\n      source-port: 70000\n",
            "broken.yaml:5:20: 'source-port' must be between 0 and 65535, got 70000"),
        ("unknown user", "name: x\ntimeline:\n  - at: 1s\n    user-login:\n      user: mallory\n",
            "broken.yaml:5:13: unknown user 'mallory'; users in metadata: alice, bob, svc-backup"),
        ("unknown device", "name: x\ntimeline:\n  - at: 1s\n    file:\n      device: 9\n",
            "broken.yaml:5:15: unknown device 9; devices in metadata: 1, 2"),
        ("impossible date", "name: x\ntimeline:\n  - at: 2024-02-30T10:00:00Z\n    connection: {}\n",
            "broken.yaml:3:9: impossible timestamp '2024-02-30T10:00:00Z': not a real calendar date and time"),
        ("date before 1970", "name: x\ntimeline:\n  - at: 1969-12-31T23:59:59Z\n    connection: {}\n",
            "broken.yaml:3:9: impossible timestamp '1969-12-31T23:59:59Z': event seconds are unsigned 32-bit UNIX seconds, from 1970-01-01T00:00:00Z to 2106-02-07T06:28:15Z"),
        ("resend before its original", "name: x\ntimeline:\n  - at: 10s\n    id: a\n    connection: {}\n  - at: 5s\n    resend: a\n",
            "broken.yaml:6:9: impossible timestamp: this resend comes before the event 'a' it repeats"),
        ("resend of an unknown id", "name: x\ntimeline:\n  - at: 10s\n    id: alert\n    connection: {}\n  - at: 15s\n    resend: alret\n",
            "broken.yaml:7:13: unknown timeline id 'alret' (did you mean 'alert'?); ids defined: alert"),
        ("impact alert of a connection", "name: x\ntimeline:\n  - at: 1s\n    id: c\n    connection: {}\n  - at: 2s\n    impact-alert:\n      of: c\n",
            "broken.yaml:8:11: 'of' must name an intrusion event, and 'c' is not one"),
        ("duplicate timeline id", "name: x\ntimeline:\n  - at: 1s\n    id: a\n    file: {}\n  - at: 2s\n    id: a\n    file: {}\n",
            "broken.yaml:6:5: duplicate timeline id 'a'"),
        ("step with two events", "name: x\ntimeline:\n  - at: 1s\n    file: {}\n    malware: {}\n",
            "broken.yaml:5:5: a timeline step holds one event; 'file' and 'malware' need a step each"),
        ("step without a time", "name: x\ntimeline:\n  - file: {}\n",
            "broken.yaml:3:5: timeline step needs 'at' (time from the start, or an absolute time) or 'after' (time after the previous step)"),
        ("bad traffic family", "name: x\ntraffic:\n  - families: [intrusions]\n    rate: 1\n    count: 1\n",
            "broken.yaml:3:16: unknown event family 'intrusions' (did you mean 'intrusion'?); expected one of: intrusion, impact-alert, connection, file, malware, user-login, discovery, correlation, record"),
        ("bad server family", "name: x\nserver:\n  families: [user-login]\n",
            "broken.yaml:3:14: unknown event family 'user-login'; expected one of: intrusion, packet-data, extra-data, impact-alert, connection, file, malware, user-activity, discovery, correlation, metadata"),
        ("negative rate", "name: x\ntraffic:\n  - rate: -5\n    count: 10\n",
            "broken.yaml:3:11: 'rate' must be greater than 0 events per second, got -5"),
        ("rate that is not a number", "name: x\ntraffic:\n  - rate: fast\n    count: 10\n",
            "broken.yaml:3:11: 'rate' must be a number, got 'fast'"),
        ("count and duration", "name: x\ntraffic:\n  - rate: 1\n    count: 10\n    duration: 1m\n",
            "broken.yaml:5:5: a traffic block takes 'count' or 'duration', not both"),
        ("rate and every", "name: x\ntraffic:\n  - rate: 1\n    every: 30s\n    count: 10\n",
            "broken.yaml:4:5: a traffic block takes 'rate' or 'every', not both"),
        ("every of zero", "name: x\ntraffic:\n  - every: 0s\n    count: 10\n",
            "broken.yaml:3:12: 'every' must be longer than 0s"),
        ("duplicate rate of one", "name: x\ntraffic:\n  - rate: 1\n    count: 10\n    duplicate-rate: 1.5\n",
            "broken.yaml:5:21: 'duplicate-rate' must be a fraction from 0 up to (not including) 1, got 1.5"),
        ("stall without duration", "name: x\nfaults:\n  - kind: stall\n    at: 10s\n",
            "broken.yaml:3:5: a stall fault needs 'duration' (how long it lasts, e.g. 30s)"),
        ("error message without code", "name: x\nfaults:\n  - kind: error-message\n    after-messages: 3\n    text: boom\n",
            "broken.yaml:3:5: a error-message fault needs 'code' (the signed error code the Error message carries)"),
        ("parameter of another kind", "name: x\nfaults:\n  - kind: tcp-reset\n    at: 10s\n    code: 3\n",
            "broken.yaml:5:5: 'code' does not apply to a tcp-reset fault, which takes no parameters"),
        ("fault without trigger", "name: x\nfaults:\n  - kind: graceful-disconnect\n",
            "broken.yaml:3:5: a graceful-disconnect fault needs a trigger: 'at' (time from the start) or 'after-messages' (messages sent in the session)"),
        ("fault before the start", "name: x\nfaults:\n  - kind: tcp-reset\n    at: -5s\n",
            "broken.yaml:4:9: impossible timestamp '-5s': a fault cannot fire before the server starts"),
        ("unknown fault kind", "name: x\nfaults:\n  - kind: stal\n    at: 1s\n",
            "broken.yaml:3:11: unknown fault kind 'stal' (did you mean 'stall'?); expected one of: graceful-disconnect, tcp-reset, stall, keepalive-gap, error-message, wrong-header-version, unknown-record-type, truncated-message, slow-drip, refuse-connections, disable-service"),
        ("known record type as unknown", "name: x\nfaults:\n  - kind: unknown-record-type\n    at: 1s\n    record-type: 400\n",
            "broken.yaml:5:18: record type 400 is one the protocol defines; an unknown-record-type fault needs one it does not, such as 9999"),
        ("connection zero", "name: x\nfaults:\n  - kind: tcp-reset\n    at: 1s\n    connection: 0\n",
            "broken.yaml:5:17: 'connection' must be between 1 and 2147483647, got 0"),
        ("rule with unknown classification", "name: x\nmetadata:\n  rules:\n    - rule-id: 5\n      message: m\n      classification: 99\n",
            "broken.yaml:6:23: unknown classification 99; classifications in metadata: 1, 2, 3, 4, 5"),
        ("duplicate rule", "name: x\nmetadata:\n  rules:\n    - rule-id: 5\n      message: a\n    - rule-id: 5\n      message: b\n",
            "broken.yaml:6:7: duplicate rule (gid, rule-id) (1, 5)"),
        ("ambiguous SID", "name: x\nmetadata:\n  rules:\n    - {gid: 1, rule-id: 5, message: a}\n    - {gid: 3, rule-id: 5, message: b}\ntimeline:\n  - at: 1s\n    intrusion: {sid: 5}\n",
            "broken.yaml:8:22: SID 5 matches rules of gids 1, 3; add 'gid'"),
        ("no rules at all", "name: x\nmetadata:\n  rules: []\n",
            "broken.yaml:3:10: 'rules' needs at least one rule; leave 'rules' out to use the built-in ones"),
        ("discovery value too wide", "name: x\ntimeline:\n  - at: 1s\n    discovery:\n      type: hops-change\n      value: 300\n",
            "broken.yaml:6:14: 'value' of a hops-change discovery event must be at most 255, got 300"),
        ("bad MAC", "name: x\ntimeline:\n  - at: 1s\n    discovery:\n      type: mac-change\n      mac: '00:11:22'\n",
            "broken.yaml:6:12: 'mac' must be exactly 6 bytes (12 hex digits), got 3"),
        ("bad duration", "name: x\nserver:\n  keepalive: 5 seconds\n",
            "broken.yaml:3:14: 'keepalive' must be a duration such as 90s, 1m30s, 250ms or -2h, got '5 seconds'"),
    ];

    private static IEnumerable<TestCaseData> Cases() =>
        Table.Select(c => new TestCaseData(c.Yaml, c.Expected).SetName($"Broken scenario: {c.Name}"));

    [TestCaseSource(nameof(Cases))]
    public void Loader_reports_the_problem_with_file_line_and_column(string yaml, string expected)
    {
        var exception = Assert.Throws<ScenarioException>(() => ScenarioLoader.LoadText(yaml, File))!;

        Assert.That(exception.Errors.Select(e => e.ToString()), Is.EqualTo(new[] { expected }));
    }

    [Test]
    public void Loader_reports_every_error_in_file_order()
    {
        const string yaml = "name: x\nseed: many\ntraffic:\n  - rate: -1\n    count: 3\nfaults:\n  - kind: stall\n    at: 1s\n";

        var exception = Assert.Throws<ScenarioException>(() => ScenarioLoader.LoadText(yaml, File))!;

        Assert.That(exception.Errors.Select(e => (e.Line, e.Column)), Is.EqualTo(new[] { (2, 7), (4, 11), (7, 5) }));
        Assert.That(exception.Message, Does.Contain("broken.yaml:4:11: 'rate' must be greater than 0"));
    }

    [Test]
    public void Error_prints_as_file_line_column_message()
    {
        var error = new ScenarioError("s.yaml", 12, 5, "unknown key 'rat'");

        Assert.That(error.ToString(), Is.EqualTo("s.yaml:12:5: unknown key 'rat'"));
    }

    [Test]
    public void Missing_file_is_an_error_naming_it()
    {
        var path = Path.Combine(TestContext.CurrentContext.WorkDirectory, "no-such-scenario.yaml");

        var exception = Assert.Throws<ScenarioException>(() => ScenarioLoader.LoadFile(path))!;

        Assert.That(exception.Errors.Single().File, Is.EqualTo(path));
    }

    [Test]
    public void Event_that_falls_before_1970_for_the_given_start_fails_to_compile_with_its_location()
    {
        var scenario = ScenarioLoader.LoadText("name: x\ntimeline:\n  - at: -2h\n    file: {}\n", File);

        var exception = Assert.Throws<ScenarioException>(() => scenario.Compile(DateTimeOffset.UnixEpoch.AddHours(1)))!;

        Assert.That(exception.Errors.Single().ToString(), Does.StartWith("broken.yaml:3:9: impossible timestamp"));
    }
}
