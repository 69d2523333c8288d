using System.Text;

namespace EventPlanner.Web.Infrastructure;

/// <summary>
/// The one normalisation every piece of user text goes through on its way in (see <see cref="Validator.Required"/>,
/// <see cref="Validator.Optional"/>, <see cref="Validator.TextList"/>), and the one clean-up every XML/iCalendar
/// writer applies on its way out (<see cref="ForXml"/>), for values stored before the way in was guarded.
/// </summary>
/// <remarks>
/// Characters that no text field needs (control characters other than tab and line feed, lone surrogates, U+FFFE and
/// U+FFFF) are <em>refused</em> with a field message, not silently stripped: bad input gets a clear 4xx and nothing the
/// person typed is lost or changed behind their back. What is harmless is normalised instead: CR LF and CR become LF,
/// and the text is put in Unicode NFC so that the same title typed on two keyboards compares and counts the same.
/// </remarks>
public static class TextInput
{
    /// <summary>Trimmed, CR LF → LF, NFC; <paramref name="problem"/> names the first character that cannot be kept (then the text is returned unnormalised).</summary>
    public static string Normalise(string value, out string? problem)
    {
        problem = Problem(value);
        var text = value.Contains('\r') ? value.Replace("\r\n", "\n").Replace('\r', '\n') : value;
        text = text.Trim();
        // Normalize throws on a lone surrogate, which Problem has already reported.
        if (problem is null && !text.IsNormalized(NormalizationForm.FormC)) text = text.Normalize(NormalizationForm.FormC);
        return text;
    }

    /// <summary>Why the text cannot be accepted as it is ("a control character (U+0000)"), or null when it can.</summary>
    public static string? Problem(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var ch = value[i];
            if (char.IsHighSurrogate(ch) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])) { i++; continue; }
            if (char.IsSurrogate(ch)) return $"a broken character (a lone surrogate U+{(int)ch:X4}) at position {i + 1}";
            if (ch is '\t' or '\n' or '\r') continue;
            if (char.IsControl(ch)) return $"a control character (U+{(int)ch:X4}) at position {i + 1}";
            if (ch is '\uFFFE' or '\uFFFF') return $"a non-character (U+{(int)ch:X4}) at position {i + 1}";
        }
        return null;
    }

    /// <summary>
    /// Text with every character XML 1.0 cannot carry removed (C0 controls other than tab/LF/CR, lone surrogates,
    /// U+FFFE/U+FFFF). Writers use it so that a value stored before input was checked can never block an export.
    /// </summary>
    public static string ForXml(string? value)
    {
        if (string.IsNullOrEmpty(value)) return value ?? "";
        StringBuilder? sb = null;
        for (var i = 0; i < value.Length; i++)
        {
            var ch = value[i];
            if (char.IsHighSurrogate(ch) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                sb?.Append(ch).Append(value[i + 1]);
                i++;
                continue;
            }
            if (XmlCharacter(ch)) { sb?.Append(ch); continue; }
            sb ??= new StringBuilder(value.Length).Append(value, 0, i);
        }
        return sb?.ToString() ?? value;
    }

    /// <summary>Text for iCalendar (RFC 5545 TEXT allows no control characters but tab and line breaks): the same clean-up as XML.</summary>
    public static string ForCalendar(string? value) => ForXml(value);

    private static bool XmlCharacter(char ch) =>
        ch is '\t' or '\n' or '\r' || (ch >= 0x20 && !char.IsSurrogate(ch) && ch is not ('\uFFFE' or '\uFFFF'));
}
