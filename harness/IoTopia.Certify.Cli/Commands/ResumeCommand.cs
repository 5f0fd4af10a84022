using System.CommandLine;
using IoTopia.Certify.Cli.Reporting;
using IoTopia.Certify.Harness.Engine;
using IoTopia.Certify.Harness.Loading;
using IoTopia.Certify.Harness.Records;

namespace IoTopia.Certify.Cli.Commands;

/// <summary><c>certify resume RUN</c>: continues a run whose harness was killed or interrupted.</summary>
public static class ResumeCommand
{
    public static Command Create()
    {
        var run = new Argument<string>("RUN") { Description = "the run folder" };
        var command = new Command("resume", "Continue a killed or interrupted run from its journal") { run };
        command.SetAction(async (result, _) =>
        {
            if (IsolatedRun.RigOf(result.GetValue(run)!) is { } rig && await IsolatedRun.RelaunchAsync(rig, result) is { } elsewhere)
                return elsewhere;
            using var interruption = new Interruption();
            try
            {
                var reports = new RunReports();
                var engine = new RunEngine(Composition.Steps, Composition.RigKinds, reports, runDrivers: Composition.RunDrivers);
                var folder = result.GetValue(run)!;
                var outcome = await RunCommand.RunWithViewAsync(observer => engine.ResumeAsync(folder, ProjectRoot.Find(), observer, interruption.Token));
                return Finish.Report(outcome, reports);
            }
            catch (InputException e)
            {
                Console.Error.WriteLine(e.Message);
                return ExitCodes.BadInput;
            }
            catch (InvalidDataException e)
            {
                Console.Error.WriteLine(e.Message);
                return ExitCodes.BadInput;
            }
            catch (RunFolderWriteException e)
            {
                // a full disk: the run stopped with everything recorded so far intact; resume finishes it
                Console.Error.WriteLine(e.Message);
                return ExitCodes.Error;
            }
        });
        return command;
    }
}
