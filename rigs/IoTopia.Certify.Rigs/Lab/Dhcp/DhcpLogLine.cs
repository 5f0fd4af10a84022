using System.Globalization;
using System.Text.Json;
using IoTopia.Certify.Rigs.Lab.Common;

namespace IoTopia.Certify.Rigs.Lab.Dhcp;

/// <summary>One line of a DHCP evidence log (<c>evidence/_run/NNN-dhcp.jsonl</c>): the message type, client id, chaddr,
/// options 60, 12, 161 as text and every option in hex, or why the datagram was malformed.</summary>
public static class DhcpLogLine
{
    public static void Write(JsonLinesLog log, DhcpObservation seen, ReadOnlySpan<byte> datagram)
    {
        var size = datagram.Length;
        var hex = seen.Malformed is null ? null : Convert.ToHexStringLower(datagram[..Math.Min(datagram.Length, 300)]);
        log.Write(w =>
        {
            w.WriteString("client", LabPeers.Text(seen.Client));
            w.WriteNumber("size", size);
            if (seen.Malformed is not null)
            {
                w.WriteString("event", "malformed");
                w.WriteString("reason", seen.Malformed);
                w.WriteString("hex", hex);
                return;
            }
            w.WriteString("event", "message");
            WriteMessage(w, seen);
        });
    }

    private static void WriteMessage(Utf8JsonWriter w, DhcpObservation seen)
    {
        var m = seen.Message!;
        w.WriteString("messageType", DhcpMessageTypes.Name(m.MessageType));
        w.WriteString("xid", m.Xid.ToString("x8", CultureInfo.InvariantCulture));
        w.WriteString("ciaddr", m.ClientAddress.ToString());
        w.WriteString("chaddr", string.Join(':', m.HardwareAddress.Select(b => b.ToString("x2", CultureInfo.InvariantCulture))));
        WriteHexOrNull(w, "clientId", m.Option(DhcpMessageTypes.OptionClientId));
        WriteTextOrNull(w, "vendorClass", seen.VendorClass);
        WriteTextOrNull(w, "hostName", seen.HostName);
        WriteTextOrNull(w, "mudUrl", seen.MudUrl);
        w.WriteStartArray("options");
        foreach (var option in m.Options)
        {
            w.WriteStartObject();
            w.WriteNumber("code", option.Code);
            w.WriteString("hex", Convert.ToHexStringLower(option.Value));
            w.WriteEndObject();
        }
        w.WriteEndArray();
        WriteTextOrNull(w, "answered", seen.Answered);
        if (seen.Note is not null)
            w.WriteString("note", seen.Note);
    }

    private static void WriteTextOrNull(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
            w.WriteNull(name);
        else
            w.WriteString(name, value);
    }

    private static void WriteHexOrNull(Utf8JsonWriter w, string name, byte[]? value) =>
        WriteTextOrNull(w, name, value is null ? null : Convert.ToHexStringLower(value));
}
