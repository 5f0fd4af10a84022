namespace IoTopia.Certify.TestKit;

/// <summary>The openssl command line, an implementation we did not write; a test that needs it is ignored, saying why, when it is missing.</summary>
public static class Openssl
{
    public static async Task<ProgramResult> RunAsync(params string[] args) =>
        await ExternalProgram.RunAsync(ExternalProgram.Require("openssl", "openssl"), args, TimeSpan.FromSeconds(30));
}
