namespace IoTopia.Certify.Harness.Loading;

/// <summary>Collects every problem in the inputs so the user sees them all at once.</summary>
public sealed class InputErrors
{
    private readonly List<string> _messages = [];

    public IReadOnlyList<string> Messages => _messages;

    public bool Any => _messages.Count > 0;

    public void Add(string message) => _messages.Add(message);

    public void Add(InputException e) => _messages.Add(e.Message);

    public void ThrowIfAny()
    {
        if (_messages.Count > 0)
            throw new InputException(string.Join(Environment.NewLine, _messages));
    }
}
