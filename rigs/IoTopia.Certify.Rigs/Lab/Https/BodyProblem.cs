namespace IoTopia.Certify.Rigs.Lab.Https;

/// <summary>Why a request body could not be read in full, and the status the host answers with.</summary>
public sealed record BodyProblem(int Status, string Reason);
