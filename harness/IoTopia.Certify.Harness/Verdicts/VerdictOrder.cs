namespace IoTopia.Certify.Harness.Verdicts;

/// <summary>Order, worst first: fail &gt; error &gt; inconclusive &gt; pass &gt; skipped.</summary>
public static class VerdictOrder
{
    public static Verdict Worst(Verdict a, Verdict b) => (int)a >= (int)b ? a : b;

    public static Verdict Worst(IEnumerable<Verdict> verdicts, Verdict whenEmpty = Verdict.Skipped)
    {
        var any = false;
        var worst = Verdict.Skipped;
        foreach (var v in verdicts)
        {
            any = true;
            worst = Worst(worst, v);
        }
        return any ? worst : whenEmpty;
    }

    public static string Name(this Verdict verdict) => verdict switch
    {
        Verdict.Pass => "pass",
        Verdict.Fail => "fail",
        Verdict.Error => "error",
        Verdict.Inconclusive => "inconclusive",
        _ => "skipped",
    };
}
