using EStreamer.Scenarios.Model;

namespace EStreamer.Scenarios.Transforms;

/// <summary>
/// Merges sources that are each in non-decreasing offset order into one such sequence, lazily: it holds one
/// pending event per source, so endless traffic stays endless. Ties go to the lower source index (the
/// timeline is source 0), and within a source the order is kept.
/// </summary>
internal static class PlanMerger
{
    public static IEnumerable<PlannedEvent> Merge(IReadOnlyList<IEnumerable<PlannedEvent>> sources)
    {
        var enumerators = new List<IEnumerator<PlannedEvent>>(sources.Count);
        try
        {
            var queue = new PriorityQueue<int, (TimeSpan Offset, int Source)>();
            for (var i = 0; i < sources.Count; i++)
            {
                var enumerator = sources[i].GetEnumerator();
                enumerators.Add(enumerator);
                if (enumerator.MoveNext())
                {
                    queue.Enqueue(i, (enumerator.Current.Offset, i));
                }
            }

            while (queue.TryDequeue(out var source, out _))
            {
                var enumerator = enumerators[source];
                yield return enumerator.Current;
                if (enumerator.MoveNext())
                {
                    queue.Enqueue(source, (enumerator.Current.Offset, source));
                }
            }
        }
        finally
        {
            foreach (var enumerator in enumerators)
            {
                enumerator.Dispose();
            }
        }
    }
}
