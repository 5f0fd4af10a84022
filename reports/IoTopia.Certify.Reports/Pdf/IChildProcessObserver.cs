namespace IoTopia.Certify.Reports.Pdf;

/// <summary>Told when the printing browser starts and when it has been reaped, so its owner can record both.</summary>
public interface IChildProcessObserver
{
    void Started(int pid, string command);

    void Ended(int pid, int? exitCode, bool killed);
}
