using IoTopia.Certify.Harness.Records;

namespace IoTopia.Certify.Harness.Engine;

/// <summary>Watches a run as it happens (the terminal view). Every event also goes to the journal.</summary>
public interface IRunObserver
{
    void OnEvent(JournalEvent e);
}
