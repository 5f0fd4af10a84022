using IoTopia.Certify.Harness.Drivers;

namespace IoTopia.Certify.Rigs.Protocols;

/// <summary>
/// A person at the bench: answers a question (yes or no, or a value read off the DUT) by its deadline. Given by the run,
/// not the rig file: the terminal certify runs on when it is interactive and not CI, or an answers file (<c>--answers</c>).
/// </summary>
[Capability("operator")]
public interface IOperatorProtocol
{
    /// <summary>Asks and waits for the answer until the question's deadline; a reply without an answer says why.</summary>
    Task<OperatorReply> AskAsync(OperatorQuestion question, CancellationToken ct);
}
