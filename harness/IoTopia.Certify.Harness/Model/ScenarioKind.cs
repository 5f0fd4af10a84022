namespace IoTopia.Certify.Harness.Model;

public enum ScenarioKind
{
    Certification,
    RigCheck,
}
