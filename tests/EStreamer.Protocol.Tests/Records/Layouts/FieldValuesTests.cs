using EStreamer.Protocol.Records.Layouts;

namespace EStreamer.Protocol.Tests.Records.Layouts;

/// <summary>The values of a declared layout: set in order, replaced in place, found by name.</summary>
public sealed class FieldValuesTests
{
    [Test]
    public void Setting_a_name_again_replaces_its_value_and_keeps_the_order()
    {
        var values = new FieldValues().Set("a", 1UL).Set("b", 2UL).Set("c", 3UL);

        values.Set("b", 20UL);

        Assert.That(values.Keys, Is.EqualTo(new[] { "a", "b", "c" }));
        Assert.That(values.Values, Is.EqualTo(new object[] { 1UL, 20UL, 3UL }));
        Assert.That(values.Count, Is.EqualTo(3));
    }

    [Test]
    public void A_name_is_found_whatever_string_instance_carries_it()
    {
        var values = new FieldValues(1).Set("server-port", 443UL);
        var name = new string("server-port".ToCharArray());

        Assert.That(values.ContainsKey(name), Is.True);
        Assert.That(values.Number(name), Is.EqualTo(443UL));
        Assert.That(values.TryGetValue("client-port", out _), Is.False);
        Assert.That(() => values["client-port"], Throws.TypeOf<KeyNotFoundException>());
    }

    [Test]
    public void Values_grow_past_the_room_they_were_made_with()
    {
        var values = new FieldValues(0);

        for (var i = 0; i < 40; i++)
        {
            values.Set($"field-{i}", (ulong)i);
        }

        Assert.That(values.Count, Is.EqualTo(40));
        Assert.That(values.Select(p => p.Key), Is.EqualTo(Enumerable.Range(0, 40).Select(i => $"field-{i}")));
        Assert.That(values.Number("field-39"), Is.EqualTo(39UL));
    }

    [Test]
    public void Values_set_in_the_shared_order_keep_the_shared_names_and_others_take_a_copy()
    {
        string[] names = ["a", "b", "c"];
        var inOrder = FieldValues.InOrder(names).Set("a", 1UL).Set("b", 2UL);
        var outOfOrder = FieldValues.InOrder(names).Set("a", 10UL).Set("c", 30UL).Set("d", 40UL);
        var allOfThem = FieldValues.InOrder(names).Set("a", 100UL).Set("b", 200UL).Set("c", 300UL).Set("b", 201UL);

        Assert.Multiple(() =>
        {
            Assert.That(names, Is.EqualTo(new[] { "a", "b", "c" }), "the shared names are never written");
            Assert.That(inOrder.Select(p => (p.Key, p.Value)), Is.EqualTo(new[] { ("a", (object)1UL), ("b", 2UL) }));
            Assert.That(inOrder.ContainsKey("c"), Is.False, "a name not yet set is not a field");
            Assert.That(outOfOrder.Select(p => (p.Key, p.Value)), Is.EqualTo(new[] { ("a", (object)10UL), ("c", 30UL), ("d", 40UL) }));
            Assert.That(outOfOrder.ContainsKey("b"), Is.False);
            Assert.That(allOfThem.Values, Is.EqualTo(new object[] { 100UL, 201UL, 300UL }));
        });

        // Each shared-order instance can still grow on its own after its copy.
        inOrder.Set("z", 9UL);
        Assert.That(inOrder.Keys, Is.EqualTo(new[] { "a", "b", "z" }));
        Assert.That(names, Is.EqualTo(new[] { "a", "b", "c" }));
    }
}
