using EStreamer.Scenarios.Generators;

namespace EStreamer.Scenarios.Tests.Generators;

/// <summary>The seeded stream the generators draw per-event values from.</summary>
public sealed class DrawsTests
{
    [Test]
    public void The_same_seed_gives_the_same_values()
    {
        var first = new Draws(8302);
        var second = new Draws(8302);

        var a = Enumerable.Range(0, 100).Select(_ => first.Next()).ToList();
        var b = Enumerable.Range(0, 100).Select(_ => second.Next()).ToList();

        Assert.That(b, Is.EqualTo(a));
    }

    [Test]
    public void Different_seeds_give_different_values()
    {
        var first = new Draws(1);
        var second = new Draws(2);

        var a = Enumerable.Range(0, 10).Select(_ => first.Next()).ToList();
        var b = Enumerable.Range(0, 10).Select(_ => second.Next()).ToList();

        Assert.That(b, Is.Not.EqualTo(a));
    }

    [Test]
    public void Integers_stay_within_both_bounds_and_reach_each_of_them()
    {
        var draws = new Draws(42);

        var values = Enumerable.Range(0, 10_000).Select(_ => draws.Int(1, 6)).ToList();

        Assert.That(values, Is.All.InRange(1, 6));
        Assert.That(values.Distinct().Order(), Is.EqualTo(new[] { 1, 2, 3, 4, 5, 6 }));
    }

    [Test]
    public void A_chance_comes_true_about_as_often_as_it_says()
    {
        var draws = new Draws(7);

        var hits = Enumerable.Range(0, 20_000).Count(_ => draws.Bool(0.25));

        Assert.That(hits, Is.InRange(4_600, 5_400));
    }

    [Test]
    public void Weighted_picks_follow_their_weights()
    {
        var draws = new Draws(9);
        byte[] items = [0, 1, 2];

        var picks = Enumerable.Range(0, 20_000).Select(_ => draws.Weighted(items, [0.7, 0.2, 0.1])).ToList();

        Assert.That(picks.Count(p => p == 0), Is.InRange(13_400, 14_600));
        Assert.That(picks.Count(p => p == 2), Is.InRange(1_700, 2_300));
    }
}
