namespace IoTopia.Certify.Rigs.Lab.Pki;

/// <summary>
/// An exclusive lock on a file (on Linux .NET takes flock(LOCK_EX) for FileShare.None), held while the
/// stream is open — across processes and across tasks of one process. Polled until the token's deadline.
/// </summary>
internal static class PkiLock
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(25);

    public static async Task<FileStream> AcquireAsync(string path, CancellationToken ct)
    {
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            }
            catch (IOException e) when (IsHeldElsewhere(e))
            {
                await Task.Delay(Poll, ct);
            }
        }
    }

    // ERROR_SHARING_VIOLATION / ERROR_LOCK_VIOLATION: what .NET reports for EWOULDBLOCK from flock.
    private static bool IsHeldElsewhere(IOException e) =>
        (e.HResult & 0xFFFF) is 32 or 33 || e.HResult == 11;
}
