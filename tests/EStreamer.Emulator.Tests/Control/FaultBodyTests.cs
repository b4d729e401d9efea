using EStreamer.Emulator.Control;
using EStreamer.Emulator.Faults;

namespace EStreamer.Emulator.Tests.Control;

/// <summary>POST /faults bodies read straight into the emulator's fault model.</summary>
public sealed class FaultBodyTests
{
    [Test]
    public void Body_with_session_kind_and_parameters_reads_into_a_fault_that_fires_now()
    {
        var (session, fault) = FaultBody.Parse("""{"session": 3, "kind": "slow-drip", "bytes-per-second": 200, "duration": "1m30s"}""");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(session, Is.EqualTo(3u));
            Assert.That(fault, Is.EqualTo(new Fault { Kind = FaultKind.SlowDrip, BytesPerSecond = 200, Duration = TimeSpan.FromSeconds(90), At = TimeSpan.Zero }));
        }
    }

    [Test]
    public void Defaults_follow_the_scenario_documentation()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(FaultBody.Parse("""{"kind": "error-message", "code": -1}""").Fault.Text, Is.Empty);
            Assert.That(FaultBody.Parse("""{"kind": "unknown-record-type"}""").Fault.RecordType, Is.EqualTo(Fault.DefaultUnknownRecordType));
            Assert.That(FaultBody.Parse("""{"kind": "stall", "duration": 0.25}""").Fault.Duration, Is.EqualTo(TimeSpan.FromMilliseconds(250)));
            Assert.That(FaultBody.Parse("""{"kind": "stall", "duration": "250ms", "after-messages": 4}""").Fault.AfterMessages, Is.EqualTo(4));
        }
    }

    private static readonly TestCaseData[] Invalid =
    [
        new TestCaseData("[1]", "JSON object").SetName("Body_that_is_not_an_object"),
        new TestCaseData("{", "not JSON").SetName("Body_that_is_not_json"),
        new TestCaseData("""{"session": 1}""", "\"kind\"").SetName("Missing_kind"),
        new TestCaseData("""{"kind": "meltdown"}""", "unknown fault kind 'meltdown'").SetName("Unknown_kind"),
        new TestCaseData("""{"kind": "stall"}""", "needs 'duration'").SetName("Missing_required_parameter"),
        new TestCaseData("""{"kind": "tcp-reset", "duration": "1s"}""", "'duration' does not apply to a tcp-reset fault").SetName("Parameter_the_kind_does_not_take"),
        new TestCaseData("""{"kind": "stall", "duration": "soon"}""", "'duration' must be a duration").SetName("Duration_that_does_not_parse"),
        new TestCaseData("""{"kind": "stall", "duration": "0s"}""", "longer than 0s").SetName("Zero_duration"),
        new TestCaseData("""{"kind": "refuse-connections", "count": 0}""", "'count' must be a whole number from 1").SetName("Count_below_one"),
        new TestCaseData("""{"kind": "unknown-record-type", "record-type": 400}""", "one the protocol defines").SetName("Record_type_the_protocol_defines"),
        new TestCaseData("""{"kind": "stall", "duration": "1s", "at": "1s", "after-messages": 2}""", "not both").SetName("Two_triggers"),
        new TestCaseData("""{"kind": "stall", "duration": "1s", "session": -4}""", "'session' must be a whole number").SetName("Negative_session"),
    ];

    [TestCaseSource(nameof(Invalid))]
    public void Bad_body_is_refused_with_a_message_naming_the_problem(string json, string expected)
    {
        Assert.That(() => FaultBody.Parse(json), Throws.TypeOf<FaultBodyException>().With.Message.Contains(expected));
    }
}
