using System.Diagnostics;
using IoTopia.Certify.Harness.Engine;

namespace IoTopia.Certify.Harness.Steps.Selftest;

[Step("selftest.child-process", "Starts an owned child process (sleep) that lives until the attempt ends (engine self-test of reaping).")]
public sealed class ChildProcessStep : Step<NoArguments>
{
    protected override Task<StepOutcome> RunAsync(StepContext context, NoArguments args, CancellationToken ct)
    {
        var info = new ProcessStartInfo("sleep") { UseShellExecute = false };
        info.ArgumentList.Add("3600");
        var process = context.StartProcess(info);
        context.Details["pid"] = process.Identity.Pid;
        return Task.FromResult(StepOutcome.Pass($"child process {process.Identity.Pid} started"));
    }
}
