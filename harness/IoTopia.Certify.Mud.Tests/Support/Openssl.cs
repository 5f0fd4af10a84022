using System.Diagnostics;

namespace IoTopia.Certify.Mud.Tests.Support;

/// <summary>The openssl command line, an implementation we did not write; tests are ignored when it is missing.</summary>
public static class Openssl
{
    public sealed record Result(int ExitCode, string Output);

    public static Result Run(params string[] args)
    {
        var info = new ProcessStartInfo("openssl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
            info.ArgumentList.Add(a);
        Process process;
        try
        {
            process = Process.Start(info)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Ignore("openssl is not installed: the independent check cannot run");
            throw;
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail("openssl did not finish within 30 s");
            }
            return new Result(process.ExitCode, stdout.Result + stderr.Result);
        }
    }
}
