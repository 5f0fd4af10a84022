namespace IoTopia.Certify.Rigs.Lab;

/// <summary>A lab service failed (port busy, did not start or stop in time): the lab's fault, an <c>error</c> verdict.</summary>
public sealed class LabServiceException : Exception
{
    public LabServiceException(string service, string message, Exception? inner = null)
        : base($"lab service '{service}': {message}", inner) => Service = service;

    public string Service { get; }
}
