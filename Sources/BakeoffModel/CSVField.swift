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
        // Judged on the UTF-8 bytes: as characters, "\r\n" is neither "\r" nor "\n", and a quote or comma followed
        // by a combining mark is not a quote or a comma, so such cells went out unquoted. Bytes are also what a
        // list of thousands of runs needs to be quick.
        let special: (UInt8) -> Bool = { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
        guard cell.utf8.contains(where: special) else { return cell }
        var bytes: [UInt8] = [0x22]
        bytes.reserveCapacity(cell.utf8.count + 8)
        for byte in cell.utf8 {
            bytes.append(byte)
            if byte == 0x22 { bytes.append(0x22) }
        }
        bytes.append(0x22)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// One CSV line: the cells escaped, joined by commas, ended by a newline.
    public static func line(_ cells: [String]) -> String {
        cells.map(escape).joined(separator: ",") + "\n"
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
