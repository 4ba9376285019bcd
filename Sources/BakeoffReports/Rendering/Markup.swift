/// Escaping for HTML and XML (SVG) output: every user-supplied string passes through here.
public enum Markup {
    /// Escapes text for an HTML or XML text node or a double- or single-quoted attribute value.
    public static func escape(_ text: String) -> String {
        var out = ""
        append(text, to: &out)
        return out
    }

    /// Appends `text` escaped (as `escape`): & < > " ' become entities, and the control characters XML 1.0
    /// forbids even as references are dropped. Text with none of them is appended whole.
    public static func append(_ text: String, to out: inout String) {
        // 0xEF leads U+FFFE and U+FFFF in UTF-8.
        let special: (UInt8) -> Bool = { $0 < 0x20 || $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 || $0 == 0xEF }
        guard text.utf8.contains(where: special) else {
            out += text
            return
        }
        out.reserveCapacity(out.utf8.count + text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                let v = scalar.value
                if v < 0x20 && v != 0x09 && v != 0x0A && v != 0x0D { continue }
                if v == 0xFFFE || v == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
    }

    /// A fragment id built from parts: ids are lower-case letters, digits, `-`, `_` and `.`, anything else
    /// becomes `_` followed by its hex code, so distinct inputs give distinct ids.
    public static func anchor(_ parts: String...) -> String { anchor(parts) }

    /// A fragment id built from parts (see `anchor(_:)`).
    public static func anchor(_ parts: [String]) -> String {
        parts.map { part in
            var out = ""
            for scalar in part.unicodeScalars {
                switch scalar {
                case "a"..."z", "0"..."9", "-", ".":
                    out.unicodeScalars.append(scalar)
                case "A"..."Z":
                    out += String(scalar).lowercased() + "_"
                default:
                    out += "_" + String(scalar.value, radix: 16)
                }
            }
            return out
        }.joined(separator: "--")
    }

    /// An http(s) URL as-is (escaped for an attribute), or nil for anything else (javascript:, data:, ...).
    public static func safeURL(_ url: String) -> String? {
        let lower = url.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://") else { return nil }
        guard !url.contains(where: { $0.isWhitespace }) else { return nil }
        return url
    }
}
