using System.Xml;
using IoTopia.Certify.Reports.Input;
using IoTopia.Certify.Reports.Model;
using IoTopia.Certify.Reports.Text;

namespace IoTopia.Certify.Reports.Output;

/// <summary>Run provenance as testsuite &lt;properties&gt;.</summary>
internal static class JunitProperties
{
    public static void Write(XmlWriter w, ResultsIndex index)
    {
        var run = index.Run;
        var tier = index.Root.Get("summary").Get("tier");
        (string Name, string Value)[] properties =
        [
            ("run.id", run.Text("id")),
            ("run.tier", run.Text("tier")),
            ("run.operator", run.Text("operator")),
            ("run.started", run.Text("started")),
            ("run.ended", run.Text("ended")),
            ("run.seed", run.Text("seed")),
            ("harness.version", run.Get("harness").Text("version")),
            ("harness.commit", run.Get("harness").Text("commit")),
            ("rig.name", run.Get("rig").Text("name")),
            ("rig.sha256", run.Get("rig").Text("sha256")),
            ("dut.model", run.Get("dut").Text("model")),
            ("dut.serial", run.Get("dut").Text("serial")),
            ("dut.firmware", run.Get("dut").Text("firmware")),
            ("tier.verdict", tier.Text("verdict")),
            ("tier.reason", tier.Text("reason")),
            .. run.Get("rig").Members("options").OrderBy(o => o.Name, StringComparer.Ordinal)
                .Select(o => ($"rig.option.{o.Name}", JsonRead.Scalar(o.Value))),
        ];

        w.WriteStartElement("properties");
        foreach (var (name, value) in properties.Where(p => p.Value.Length > 0))
        {
            w.WriteStartElement("property");
            w.WriteAttributeString("name", name);
            w.WriteAttributeString("value", TextFormat.Xml.Apply(value));
            w.WriteEndElement();
        }

        w.WriteEndElement();
    }
}
