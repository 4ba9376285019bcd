/// One CSV cell, written the same way by every CSV writer of the project (RFC 4180 quoting plus the OWASP
/// rule against formula injection).
public enum CSVField {
    /// `text` as a CSV cell: a text cell that begins with `=`, `+`, `-`, `@`, tab or carriage return gets a
    /// leading `'` so a spreadsheet shows it instead of evaluating it (a tool named `=HYPERLINK(...)` would
    /// otherwise run as a formula); a plain number such as `-0.25` stays numeric. Cells holding a comma, a
    /// quote or a line break are quoted, quotes doubled.
    public static func escape(_ text: String) -> String {
        var cell = text
        if let first = cell.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first), !isPlainNumber(cell) {
            cell = "'" + cell
        }
        guard cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return cell }
        return "\"" + cell.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }

    /// True for a decimal number as the project writes them: optional sign, digits, optional fraction and
    /// exponent (`-3`, `+0.5`, `1e-4`); not `nan`, `inf` or anything a spreadsheet could read as a formula.
    static func isPlainNumber(_ text: String) -> Bool {
        var scalars = Substring(text).unicodeScalars[...]
        func digits() -> Int {
            var n = 0
            while let c = scalars.first, ("0"..."9").contains(c) {
                scalars.removeFirst()
                n += 1
            }
            return n
        }
        if let c = scalars.first, c == "-" || c == "+" { scalars.removeFirst() }
        var mantissa = digits()
        if scalars.first == "." {
            scalars.removeFirst()
            mantissa += digits()
        }
        guard mantissa > 0 else { return false }
        if let c = scalars.first, c == "e" || c == "E" {
            scalars.removeFirst()
            if let s = scalars.first, s == "-" || s == "+" { scalars.removeFirst() }
            guard digits() > 0 else { return false }
        }
        return scalars.isEmpty
    }
}
