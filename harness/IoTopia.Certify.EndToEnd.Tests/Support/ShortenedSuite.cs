namespace IoTopia.Certify.EndToEnd.Tests.Support;

/// <summary>
/// A shipped suite (suites/NAME/NAME.yaml) with some of its waits shortened, written for one test: a step waiting for
/// what the device never does (a banner it never prints, a MUD URL it never announces, a channel it does not have)
/// gives the same verdict and evidence at a shorter deadline, only sooner. Steps, order, parameters and verdict rules
/// stay the shipped ones; each edit must match the shipped text exactly once, so a suite that changed shape fails the
/// test instead of silently running with the shipped waits.
/// </summary>
public static class ShortenedSuite
{
    public static string Write(TempFolder temp, string suite, params (string Shipped, string Shortened)[] edits)
    {
        var text = File.ReadAllText(RepoRoot.Combine("suites", suite, suite + ".yaml"));
        foreach (var (shipped, shortened) in edits)
        {
            var at = text.IndexOf(shipped, StringComparison.Ordinal);
            Assert.That(at >= 0 && text.IndexOf(shipped, at + 1, StringComparison.Ordinal) < 0, Is.True,
                $"suites/{suite}/{suite}.yaml has '{shipped}' exactly once (the wait this test shortens)");
            text = string.Concat(text.AsSpan(0, at), shortened, text.AsSpan(at + shipped.Length));
        }
        return temp.Write($"{suite}-shortened-{Guid.NewGuid():N}.yaml", text);
    }
}
