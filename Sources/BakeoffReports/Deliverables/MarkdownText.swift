/// Escapes user-supplied text for GitHub-flavoured Markdown, so it renders as written and never as HTML,
/// links, emphasis or table cells.
public enum MarkdownText {
    /// Text for inline use (paragraphs, list items, table cells).
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "#", "!", "~", "&", "$":
                out.append("\\")
                out.unicodeScalars.append(scalar)
            case "\n", "\r", "\t":
                out.append(" ")
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        // A leading list or heading marker would change the block's meaning.
        if let first = out.first, "-+=".contains(first) { out = "\\" + out }
        if let dot = out.firstIndex(where: { !$0.isNumber }), dot != out.startIndex, out[dot] == "." || out[dot] == ")" {
            out.insert("\\", at: dot)
        }
        return out
    }

    /// A table row from already-escaped cells.
    public static func row(_ cells: [String]) -> String {
        "| " + cells.joined(separator: " | ") + " |"
    }

    /// A GFM table: header, alignment row (`right` columns right-aligned), rows. Cells must be escaped already.
    public static func table(header: [String], rows: [[String]], rightAligned: Set<Int> = []) -> String {
        var lines = [row(header)]
        lines.append(row(header.indices.map { rightAligned.contains($0) ? "---:" : "---" }))
        lines += rows.map(row)
        return lines.joined(separator: "\n")
    }

    /// A link whose label is escaped and whose destination is wrapped in angle brackets (spaces allowed).
    public static func link(_ label: String, to destination: String) -> String {
        // Scalar by scalar: as characters, "<" followed by a combining mark is not "<", and "\r\n" is not "\n".
        var safe = ""
        for scalar in destination.unicodeScalars {
            switch scalar {
            case "<": safe += "%3C"
            case ">": safe += "%3E"
            case "\n", "\r": continue
            default: safe.unicodeScalars.append(scalar)
            }
        }
        return "[\(escape(label))](<\(safe)>)"
    }
}
