/// A user-supplied value as an error message repeats it: on one line and short, so a 2 MB scalar or a name
/// holding a newline cannot flood or forge the terminal.
public enum Echo {
    /// `text` with control characters written as escapes (`\n`, `\t`, `\u{1B}`) and cut after `limit`
    /// characters with `…`.
    public static func value(_ text: String, limit: Int = 80) -> String {
        var out = ""
        var count = 0
        for character in text {
            if count == limit { return out + "…" }
            out += visible(character)
            count += 1
        }
        return out
    }

    /// `text` (a message) with every `'quoted'` value passed through `value(_:limit:)`, and any control
    /// character outside quotes escaped too.
    public static func quotedValues(_ text: String, limit: Int = 80) -> String {
        var out = ""
        var rest = Substring(text)
        // An opening quote follows a space or bracket (not the apostrophe of "tool's"); the closing one is
        // followed by the end, a space or punctuation.
        func opens(_ i: Substring.Index) -> Bool {
            i == text.startIndex || " ([{:=,".contains(text[text.index(before: i)])
        }
        func closes(_ i: Substring.Index) -> Bool {
            let next = text.index(after: i)
            return next == text.endIndex || " )]};:,.?!".contains(text[next])
        }
        while let open = rest.indices.first(where: { rest[$0] == "'" && opens($0) }) {
            let after = rest[rest.index(after: open)...]
            guard let close = after.indices.first(where: { after[$0] == "'" && closes($0) }) else { break }
            out += rest[..<open].map(visible).joined() + "'" + value(String(after[..<close]), limit: limit) + "'"
            rest = after[after.index(after: close)...]
        }
        return out + rest.map(visible).joined()
    }

    /// One character, escaped when it is a control character.
    static func visible(_ character: Character) -> String {
        guard character.unicodeScalars.contains(where: isControl) else { return String(character) }
        return character.unicodeScalars.map { scalar -> String in
            switch scalar {
            case "\n": return "\\n"
            case "\r": return "\\r"
            case "\t": return "\\t"
            default: return isControl(scalar) ? "\\u{\(String(scalar.value, radix: 16, uppercase: true))}" : String(scalar)
            }
        }.joined()
    }

    /// True for C0, DEL and C1 controls.
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }
}
