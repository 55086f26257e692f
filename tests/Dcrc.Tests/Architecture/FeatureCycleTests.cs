namespace Dcrc.Tests.Architecture;

/// <summary>
/// The features form a graph by the types they name of each other (a feature is the segment after Dcrc.Features.;
/// Shared and FeatureMap are the composition root and not in it). It must have no cycle: a
/// lower feature that must reach a higher one does it through a seam the higher one implements (ICallbackGrievances,
/// ISourceCalls, ICallerCaseSource). Read from the compiled assembly: signatures, code, views, generated code.
/// </summary>
public class FeatureCycleTests
{
    /// <summary>
    /// References that close a cycle today, (referencing type, referenced type) with nested types counted as their
    /// outermost type. They are left out of the graph; an entry no longer found fails, so the list only shrinks.
    /// Everything else that closes a cycle fails.
    /// </summary>
    private static readonly Dictionary<(string From, string To), string> BackReferences = new();

    [Fact]
    public void Features_reference_each_other_without_cycles()
    {
        var references = IlReferences.Uses
            .Select(u => (From: AppUnits.FeatureOf(u.Site), To: AppUnits.FeatureOf(u.Target), Use: u))
            .Where(r => r.From != null && r.To != null && r.From != r.To)
            .Select(r => (r.From!, r.To!, Key: (IlReferences.Outermost(r.Use.Site).FullName!, IlReferences.Outermost(r.Use.Target).FullName!), r.Use))
            .ToList();

        var stale = BackReferences.Keys.Except(references.Select(r => r.Key)).Select(k => $"  {k.Item1} → {k.Item2}").ToList();
        stale.ShouldBeEmpty("Listed back references no longer found; remove them from the list:\n" + string.Join("\n", stale));

        var edges = references.Where(r => !BackReferences.ContainsKey(r.Key)).GroupBy(r => (r.Item1, r.Item2))
            .ToDictionary(g => g.Key, g => g.Select(r => $"{r.Use.Where} uses {r.Use.Target.FullName} ({r.Use.How})").Distinct().Take(3).ToList());
        var graph = edges.Keys.GroupBy(e => e.Item1).ToDictionary(g => g.Key, g => g.Select(e => e.Item2).Order(StringComparer.Ordinal).ToList());

        // Per component, the shortest cycle through each of its features (the same cycle named once).
        var cycles = StronglyConnected(graph).Where(c => c.Count > 1)
            .SelectMany(c => c.Order(StringComparer.Ordinal).Select(start => ShortestCycle(graph, c, start)))
            .DistinctBy(Canonical).ToList();
        var message = string.Join("\n", cycles.Select(cycle =>
            "Cycle " + string.Join(" → ", cycle) + ":\n" + string.Join("\n", cycle.Zip(cycle.Skip(1)).Select(e =>
                $"  {e.First} → {e.Second}:\n" + string.Join("\n", edges[(e.First, e.Second)].Select(s => "      " + s))))));
        cycles.ShouldBeEmpty("Features reference each other in a cycle:\n" + message);
    }

    /// <summary>Tarjan's strongly connected components.</summary>
    private static List<List<string>> StronglyConnected(Dictionary<string, List<string>> graph)
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var result = new List<List<string>>();
        void Visit(string v)
        {
            index[v] = low[v] = index.Count;
            stack.Push(v);
            foreach (var w in graph.GetValueOrDefault(v, []))
                if (!index.ContainsKey(w)) { Visit(w); low[v] = Math.Min(low[v], low[w]); }
                else if (stack.Contains(w)) low[v] = Math.Min(low[v], index[w]);
            if (low[v] != index[v]) return;
            var component = new List<string>();
            string x;
            do { x = stack.Pop(); component.Add(x); } while (x != v);
            result.Add(component);
        }
        foreach (var v in graph.Keys.Order(StringComparer.Ordinal))
            if (!index.ContainsKey(v)) Visit(v);
        return result;
    }

    /// <summary>A cycle rotated to start at its first feature by name, for naming each cycle once.</summary>
    private static string Canonical(List<string> cycle)
    {
        var ring = cycle.Take(cycle.Count - 1).ToList();
        var first = ring.IndexOf(ring.Min(StringComparer.Ordinal)!);
        return string.Join(" → ", ring.Skip(first).Concat(ring.Take(first)));
    }

    /// <summary>The shortest cycle through <paramref name="start"/> within its component: [A, B, …, A].</summary>
    private static List<string> ShortestCycle(Dictionary<string, List<string>> graph, List<string> component, string start)
    {
        var parent = new Dictionary<string, string>();
        var queue = new Queue<string>([start]);
        while (queue.Count > 0)
        {
            var v = queue.Dequeue();
            foreach (var w in graph.GetValueOrDefault(v, []).Where(component.Contains))
            {
                if (w == start)
                {
                    var path = new List<string> { start };
                    for (var x = v; x != start; x = parent[x]) path.Add(x);
                    path.Add(start);
                    path.Reverse();
                    return path;
                }
                if (parent.TryAdd(w, v)) queue.Enqueue(w);
            }
        }
        return component;
    }
}
