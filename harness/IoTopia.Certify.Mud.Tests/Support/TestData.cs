namespace IoTopia.Certify.Mud.Tests.Support;

/// <summary>The test data copied beside these tests (Fixtures/).</summary>
public static class TestData
{
    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);
}
