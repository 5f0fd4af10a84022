namespace IoTopia.Certify.Rigs.Serial;

/// <summary>A match kept by <c>serial.expect … save-as</c> for later steps of the attempt (<c>Items["serial.saved.&lt;name&gt;"]</c>).</summary>
public sealed record SavedSerialMatch(string Text, IReadOnlyDictionary<string, string> Groups, DateTimeOffset At)
{
    public static string KeyFor(string name) => "serial.saved." + name;
}
