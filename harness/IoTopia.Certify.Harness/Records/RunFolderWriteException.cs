namespace IoTopia.Certify.Harness.Records;

/// <summary>
/// The run folder could not be written (typically a full disk). Everything recorded before stays whole;
/// once the cause is fixed, <c>certify resume</c> continues or seals the run.
/// </summary>
public sealed class RunFolderWriteException(string path, IOException cause)
    : IOException($"{path}: cannot write the run folder ({cause.Message}). Nothing already recorded is lost; " +
                  "free space (or fix the cause) and run `certify resume` on the run folder to finish and seal it.", cause);
