namespace IoTopia.Certify.Rigs.Bench;

/// <summary>What a bench does with the DUT's power when a run ends or is interrupted (<c>drivers.power.at-end</c>).</summary>
public enum PowerAtEnd
{
    /// <summary>Switch it off and confirm with the backend's status (the default): nothing of the DUT runs on after the run.</summary>
    Off,

    /// <summary>Leave it as the last scenario left it (a bench where the operator goes on by hand); journaled.</summary>
    Leave,
}
