namespace IoTopia.Certify.Harness.Engine;

/// <summary>A driver the run brings (<see cref="IRunDrivers"/>), with what it is and the resource it reaches.</summary>
public sealed record RunDriver(object Driver, string Name, string Resource);
