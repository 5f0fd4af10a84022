using System.Text.Json;
using IoTopia.Certify.Reports.Input;
using IoTopia.Certify.Reports.Text;

namespace IoTopia.Certify.Reports.Model;

/// <summary>Run provenance: harness, rig (and its kind's options), DUT, tier, operator, times, seed, inputs with SHA-256, tools.</summary>
internal static class RunModel
{
    public static Row Of(JsonElement run, TextFormat f)
    {
        var harness = run.Get("harness");
        var rig = run.Get("rig");
        var dut = run.Get("dut");
        return new Row
        {
            ["id"] = f.Apply(run.Text("id")),
            ["id_for_css"] = CssToken.Of(run.Text("id")),
            ["harness_version"] = f.Apply(harness.Text("version")),
            ["harness_commit"] = f.Apply(harness.Text("commit")),
            ["rig_name"] = f.Apply(rig.Text("name")),
            ["rig_file"] = f.Apply(rig.Text("file")),
            ["rig_sha256"] = f.Apply(rig.Text("sha256")),
            ["rig_options"] = RigOptions(rig, f),
            ["dut_model"] = f.Apply(dut.Text("model")),
            ["dut_serial"] = f.Apply(dut.Text("serial")),
            ["dut_firmware"] = f.Apply(dut.Text("firmware")),
            ["tier"] = f.Apply(run.Text("tier")),
            ["operator"] = f.Apply(run.Text("operator")),
            ["started"] = f.Apply(run.Text("started")),
            ["ended"] = f.Apply(run.Text("ended")),
            ["duration"] = Durations.Text(Durations.Seconds(run)),
            ["seed"] = f.Apply(run.Text("seed")),
            ["inputs"] = Inputs(run, f),
            ["tools"] = Tools(run, f),
        };
    }

    private static List<Row> Inputs(JsonElement run, TextFormat f) =>
    [
        .. run.Items("inputs").Select(i => new Row
        {
            ["path"] = f.Apply(i.Text("path")),
            ["sha256"] = f.Apply(i.Text("sha256")),
            ["role"] = f.Apply(i.Text("role")),
            ["copy"] = f.Apply(i.Text("copy")),
        }),
    ];

    /// <summary>The rig kind's options in effect (e.g. personality, slot), by name.</summary>
    private static List<Row> RigOptions(JsonElement rig, TextFormat f) =>
    [
        .. rig.Members("options").OrderBy(o => o.Name, StringComparer.Ordinal).Select(o => new Row
        {
            ["name"] = f.Apply(o.Name),
            ["value"] = f.Apply(JsonRead.Scalar(o.Value)),
        }),
    ];

    private static List<Row> Tools(JsonElement run, TextFormat f) =>
    [
        .. run.Members("tools").Select(t => new Row
        {
            ["name"] = f.Apply(t.Name),
            ["version"] = f.Apply(JsonRead.Scalar(t.Value)),
        }),
    ];
}
