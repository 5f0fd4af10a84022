namespace IoTopia.Certify.Rigs.Lab.Update;

/// <summary>How a served response ended.</summary>
public enum UpdateEnding
{
    /// <summary>Every byte the behaviour meant to send was sent.</summary>
    Complete,

    /// <summary>The client closed the connection first.</summary>
    ClientClosed,

    /// <summary>The service closed it on purpose (truncate), or a reset between scenarios ended it.</summary>
    ResetByService,

    /// <summary>The offer's deadline, the service's cap or the host's request deadline ended it.</summary>
    CutByDeadline,
}
