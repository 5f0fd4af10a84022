using IoTopia.Certify.Rigs.Protocols;

namespace IoTopia.Certify.Rigs.Serial;

/// <summary>
/// One command on the DUT's shell: sent at byte offset <paramref name="Sent"/> of the serial log, its output in
/// [<paramref name="Sent"/>, <see cref="OutputEnd"/>), ended by <paramref name="Prompt"/>.
/// </summary>
public sealed record ShellRun(string Command, long Sent, DateTimeOffset SentAt, SerialMatch Prompt, int PassedOver, int Wakes)
{
    /// <summary>The DUT never fell silent before the command was sent (a chatty console): its output may hold other lines.</summary>
    public bool SentWhileBusy { get; init; }

    /// <summary>The output ends where the prompt's line starts.</summary>
    public long OutputEnd => Prompt.Start;

    public TimeSpan Elapsed => Prompt.At > SentAt ? Prompt.At - SentAt : TimeSpan.Zero;
}
