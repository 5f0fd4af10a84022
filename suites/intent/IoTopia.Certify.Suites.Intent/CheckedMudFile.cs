using IoTopia.Certify.Mud.Model;

namespace IoTopia.Certify.Suites.Intent;

/// <summary>The MUD file an intent step judges: its exact bytes, which file it is (for the report), the URL it came from, and its validation.</summary>
public sealed record CheckedMudFile(byte[] Bytes, string Checked, Uri? Url, FetchedResource? Fetch, MudValidationResult Validation);
