namespace IoTopia.Certify.Harness.Loading;

/// <summary>Step arguments that check themselves after binding; each message becomes a load error.</summary>
public interface IValidatableArguments
{
    IEnumerable<string> Validate();
}
