using System.CommandLine;
using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Loading;
using IoTopia.Certify.Harness.Model;
using IoTopia.Certify.Harness.Records;

namespace IoTopia.Certify.Cli;

/// <summary>
/// Hands a run to its rig kind's <see cref="RunIsolation"/> when the kind needs one (e.g. a kind that runs
/// inside network namespaces it makes): the same program and arguments, run there; its exit code is ours.
/// </summary>
public static class IsolatedRun
{
    /// <returns>the exit code of the run elsewhere, or null when it runs in this process</returns>
    public static async Task<int?> RelaunchAsync(RigDescription rig, ParseResult result)
    {
        if (Composition.RigKinds.Find(rig.Kind)?.Isolation(rig) is not { } isolation)
            return null;
        var program = Environment.ProcessPath ?? "dotnet";
        var dll = typeof(IsolatedRun).Assembly.Location;
        try
        {
            return await isolation.RunAsync([program, dll, .. result.Tokens.Select(t => t.Value)]);
        }
        catch (RunIsolationException e)
        {
            Console.Error.WriteLine(e.Message);
            return ExitCodes.Error;
        }
    }

    /// <summary>The rig of a run folder, for <c>resume</c>; null when the folder cannot say (the engine then reports why).</summary>
    public static RigDescription? RigOf(string runFolder)
    {
        try
        {
            var journal = Path.Combine(runFolder, "journal.jsonl");
            if (!File.Exists(journal))
                return null;
            var start = JournalReader.Read(journal).Events.OfType<RunStarted>().FirstOrDefault();
            return start is null || !File.Exists(start.Options.Rig) ? null : RigLoader.Load(start.Options.Rig, Composition.RigKinds);
        }
        catch (Exception e) when (e is InputException or InvalidDataException or IOException)
        {
            return null;
        }
    }
}
