namespace IoTopia.Certify.Rigs.Tests.Restore;

/// <summary>Stdin with nobody at the keyboard: a line never comes, until disposed.</summary>
internal sealed class NeverReader : TextReader
{
    private readonly ManualResetEventSlim _closed = new();

    public override string? ReadLine()
    {
        _closed.Wait();
        return null;
    }

    protected override void Dispose(bool disposing)
    {
        _closed.Set();
        base.Dispose(disposing);
    }
}
