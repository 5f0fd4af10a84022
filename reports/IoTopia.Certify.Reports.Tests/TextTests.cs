using IoTopia.Certify.Reports.Input;
using IoTopia.Certify.Reports.Model;
using IoTopia.Certify.Reports.Text;

namespace IoTopia.Certify.Reports.Tests;

[TestFixture]
public sealed class TextTests
{
    [TestCase("a\u001b[31mb", "a\\x1B[31mb")]
    [TestCase("nul\0", "nul\\x00")]
    [TestCase("tab\tline\nend", "tab\tline\nend")]
    [TestCase("crlf\r\nlone\rcr", "crlf\nlone\\x0Dcr")]
    [TestCase("del\u007f c1\u0085", "del\\x7F c1\\x85")]
    [TestCase("pair \ud83d\ude00 ok", "pair \ud83d\ude00 ok")]
    [TestCase("nonchar \uffff \ufffe bom \ufeff", "nonchar \\uFFFF \\uFFFE bom \\uFEFF")]
    [TestCase("bidi \u202e x \u2066", "bidi \\u202E x \\u2066")]
    [TestCase("plain é ✔ ␛", "plain é ✔ ␛")]
    public void Control_characters_are_made_visible(string input, string expected) =>
        Assert.That(ControlChars.Show(input), Is.EqualTo(expected));

    /// <summary>Lone surrogates cannot sit in attribute arguments (metadata is UTF-8), so this case builds its string at run time.</summary>
    [Test]
    public void Lone_surrogates_are_shown_as_escapes()
    {
        var input = "lone " + (char)0xD800 + " low " + (char)0xDC00 + " end" + (char)0xD800;
        Assert.That(ControlChars.Show(input), Is.EqualTo("lone \\uD800 low \\uDC00 end\\uD800"));
    }

    [Test]
    public void Long_strings_are_clipped_without_splitting_a_surrogate_pair()
    {
        Assert.That(Clipper.Clip(new string('x', 2500), 2000, "evidence"), Is.EqualTo(new string('x', 2000) + "… 500 more characters, see evidence"));
        Assert.That(Clipper.Clip("abc", 3, "evidence"), Is.EqualTo("abc"));
        var pair = new string('x', 1999) + "\ud83d\ude00" + "yz";
        Assert.That(Clipper.Clip(pair, 2000, "e"), Is.EqualTo(new string('x', 1999) + "… 4 more characters, see e"));
    }

    [TestCase("*a* _b_ `c` [d](e) <f> #1 @me | x", "\\*a\\* \\_b\\_ \\`c\\` \\[d\\](e) \\<f\\> \\#1 \\@me \\| x")]
    [TestCase("a\\b {c} d.e! 1+2-3 ~s~ $m$ &amp; https://x", "a\\\\b \\{c\\} d.e\\! 1+2-3 \\~s\\~ \\$m\\$ \\&amp; https\\://x")]
    [TestCase("- list", "\\- list")]
    [TestCase("+1", "\\+1")]
    [TestCase("two\nlines\r\nand\ttab", "two lines  and tab")]
    public void Markdown_syntax_is_backslash_escaped(string input, string expected) =>
        Assert.That(MarkdownText.Escape(input), Is.EqualTo(expected));

    [TestCase("\"a\\ud800b\"", "\"a\\\\uD800b\"")]
    [TestCase("\"\\udc00\"", "\"\\\\uDC00\"")]
    [TestCase("\"\\ud83d\\ude00\"", "\"\\ud83d\\ude00\"")]
    [TestCase("\"\\\\ud800\"", "\"\\\\ud800\"")]
    [TestCase("{\"k\\ud800\": \"\\ud800\\u0041\"}", "{\"k\\\\uD800\": \"\\\\uD800\\u0041\"}")]
    [TestCase("[\"\\ud800\\ud800\\udc00\"]", "[\"\\\\uD800\\ud800\\udc00\"]")]
    [TestCase("\"\\u12\"", "\"\\u12\"")]
    public void Escaped_lone_surrogates_become_visible_text_before_parsing(string json, string expected) =>
        Assert.That(LoneSurrogateRepair.Apply(json), Is.EqualTo(expected));

    [TestCase("evidence/s1/attempt-1/001-serial.expect.log", "evidence/s1/attempt-1/001-serial.expect.log")]
    [TestCase("evidence/s 1/a#b?c%d.log", "evidence/s%201/a%23b%3Fc%25d.log")]
    [TestCase("javascript:alert(1)", "")]
    [TestCase("evidence/javascript:alert(1)", "")]
    [TestCase("/etc/passwd", "")]
    [TestCase("evidence/../../etc/passwd", "")]
    [TestCase("evidence//x", "")]
    [TestCase("evidence\\x", "")]
    [TestCase("evidence/x\ny", "")]
    [TestCase("report.html", "")]
    public void Evidence_links_are_only_plain_relative_paths_under_evidence(string path, string href) =>
        Assert.That(EvidenceHref.Of(path), Is.EqualTo(href));
}
