namespace IoTopia.Certify.Cli;

/// <summary>Renders the human and CI reports of a run folder from its results.json.</summary>
public static class Reports
{
    public static Task RenderAsync(string runFolder) => Task.CompletedTask;
}
