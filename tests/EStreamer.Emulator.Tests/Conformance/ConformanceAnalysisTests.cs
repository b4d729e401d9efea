using EStreamer.Emulator.Conformance;
using EStreamer.Protocol.Messages;

namespace EStreamer.Emulator.Tests.Conformance;

/// <summary>The judges behind the report, as plain functions.</summary>
public sealed class ConformanceAnalysisTests
{
    private const uint Bookmark = 1_800_000_012;

    private static readonly TestCaseData[] StartCases =
    [
        new TestCaseData(5u, null, StartTimeVerdict.FirstSession).SetName("Any_start_is_fine_without_an_earlier_delivery"),
        new TestCaseData(EventStreamRequestMessage.FromOldest, (uint?)Bookmark, StartTimeVerdict.FromOldest).SetName("Start_0_after_a_delivery_is_from_oldest"),
        new TestCaseData(EventStreamRequestMessage.FromNow, (uint?)Bookmark, StartTimeVerdict.FromNow).SetName("Start_now_after_a_delivery_is_from_now"),
        new TestCaseData(Bookmark, (uint?)Bookmark, StartTimeVerdict.ResumedAtBookmark).SetName("Start_at_the_bookmark_resumes"),
        new TestCaseData(Bookmark + 1, (uint?)Bookmark, StartTimeVerdict.ResumedAfterBookmark).SetName("Start_one_second_later_resumes_after"),
        new TestCaseData(Bookmark - 1, (uint?)Bookmark, StartTimeVerdict.Rewound).SetName("Start_before_the_bookmark_rewinds"),
        new TestCaseData(Bookmark + 60, (uint?)Bookmark, StartTimeVerdict.SkippedAhead).SetName("Start_well_after_the_bookmark_skips_ahead"),
    ];

    [TestCaseSource(nameof(StartCases))]
    public void Start_time_is_judged_against_the_bookmark(uint start, uint? bookmark, StartTimeVerdict expected) =>
        Assert.That(ConformanceAnalysis.JudgeStart(start, bookmark), Is.EqualTo(expected));

    [Test]
    public void Delivered_ranges_merge_when_they_touch_or_overlap() =>
        Assert.That(
            ConformanceAnalysis.Merge([new SequenceRange(10, 12), new SequenceRange(1, 4), new SequenceRange(5, 6), new SequenceRange(11, 20)]),
            Is.EqualTo(new[] { new SequenceRange(1, 6), new SequenceRange(10, 20) }));
}
