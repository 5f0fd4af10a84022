namespace IoTopia.Certify.Mud.Draft;

/// <summary>A drafted MUD file (UTF-8 JSON) and notes on what it covers and leaves out.</summary>
public sealed record DraftResult(byte[] Json, int AceCount, IReadOnlyList<string> Notes);
