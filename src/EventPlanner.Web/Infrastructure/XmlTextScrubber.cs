using System.Xml;

namespace EventPlanner.Web.Infrastructure;

/// <summary>
/// An <see cref="XmlWriter"/> that drops from every text and attribute value the characters XML cannot carry
/// (<see cref="TextInput.ForXml"/>). Input is checked on the way in, but rows stored before that (or written by a
/// path nobody thought of) must never make an export throw and block a schedule release.
/// </summary>
public sealed class XmlTextScrubber(XmlWriter inner) : XmlWriter
{
    public static new XmlWriter Create(Stream output, XmlWriterSettings settings) => new XmlTextScrubber(XmlWriter.Create(output, settings));
    public static new XmlWriter Create(TextWriter output, XmlWriterSettings settings) => new XmlTextScrubber(XmlWriter.Create(output, settings));

    // The base class writes WriteElementString and WriteAttributeString through WriteString, so this one override covers them.
    public override void WriteString(string? text) => inner.WriteString(TextInput.ForXml(text));
    public override void WriteChars(char[] buffer, int index, int count) => WriteString(new string(buffer, index, count));
    public override void WriteCData(string? text) => inner.WriteCData(TextInput.ForXml(text));
    public override void WriteComment(string? text) => inner.WriteComment(TextInput.ForXml(text));
    public override void WriteWhitespace(string? ws) => inner.WriteWhitespace(ws);
    public override void WriteCharEntity(char ch) { if (TextInput.ForXml(ch.ToString()).Length > 0) inner.WriteCharEntity(ch); }
    public override void WriteSurrogateCharEntity(char lowChar, char highChar) => inner.WriteSurrogateCharEntity(lowChar, highChar);

    public override WriteState WriteState => inner.WriteState;
    public override XmlWriterSettings? Settings => inner.Settings;
    public override void Flush() => inner.Flush();
    public override void Close() => inner.Close();
    public override string? LookupPrefix(string ns) => inner.LookupPrefix(ns);
    public override void WriteBase64(byte[] buffer, int index, int count) => inner.WriteBase64(buffer, index, count);
    public override void WriteDocType(string name, string? pubid, string? sysid, string? subset) => inner.WriteDocType(name, pubid, sysid, subset);
    public override void WriteStartDocument() => inner.WriteStartDocument();
    public override void WriteStartDocument(bool standalone) => inner.WriteStartDocument(standalone);
    public override void WriteEndDocument() => inner.WriteEndDocument();
    public override void WriteStartElement(string? prefix, string localName, string? ns) => inner.WriteStartElement(prefix, localName, ns);
    public override void WriteEndElement() => inner.WriteEndElement();
    public override void WriteFullEndElement() => inner.WriteFullEndElement();
    public override void WriteStartAttribute(string? prefix, string localName, string? ns) => inner.WriteStartAttribute(prefix, localName, ns);
    public override void WriteEndAttribute() => inner.WriteEndAttribute();
    public override void WriteEntityRef(string name) => inner.WriteEntityRef(name);
    public override void WriteProcessingInstruction(string name, string? text) => inner.WriteProcessingInstruction(name, TextInput.ForXml(text));
    public override void WriteRaw(char[] buffer, int index, int count) => inner.WriteRaw(buffer, index, count);
    public override void WriteRaw(string data) => inner.WriteRaw(data);

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) inner.Dispose();
    }
}
