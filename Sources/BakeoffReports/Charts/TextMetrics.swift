/// Estimates the width of text in a sans-serif face from a per-character table, so labels can be wrapped or
/// shortened before they are drawn and nothing overlaps. Widths err on the wide side.
public enum TextMetrics {
    /// Helvetica/Arial advance widths of ASCII 32–126 in thousandths of an em.
    private static let ascii: [Int] = [
        278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,  // space – /
        556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,  // 0 – ?
        1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,  // @ – O
        667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,  // P – _
        333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,  // ` – o
        556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,  // p – ~
    ]

    /// The advance of one scalar in ems.
    static func advance(_ scalar: Unicode.Scalar) -> Double {
        let v = scalar.value
        if v >= 32 && v <= 126 { return Double(ascii[Int(v - 32)]) / 1000 }
        if isZeroWidth(v) { return 0 }
        if isWide(v) { return 1.0 }
        // Other scripts (Latin with accents, Greek, Cyrillic, Hebrew, Arabic, ...): a generous average.
        return 0.68
    }

    private static func isZeroWidth(_ v: UInt32) -> Bool {
        (0x0300...0x036F).contains(v) || (0x200B...0x200F).contains(v) || (0x202A...0x202E).contains(v)
            || (0x2066...0x2069).contains(v) || (0xFE00...0xFE0F).contains(v) || v == 0xFEFF
            || (0x0591...0x05C7).contains(v) || (0x064B...0x065F).contains(v)
    }

    private static func isWide(_ v: UInt32) -> Bool {
        (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
            || (0xFFE0...0xFFE6).contains(v) || (0x1F000...0x1FAFF).contains(v) || v >= 0x20000
    }

    /// How much wider than Helvetica the widest face in the charts' font stack (DejaVu Sans) sets text.
    static let fallbackFactor = 1.12

    /// The width of `text` at `size` pixels; bold text is about 10 % wider.
    public static func width(_ text: String, size: Double, bold: Bool = false) -> Double {
        var ems = 0.0
        for scalar in text.unicodeScalars { ems += advance(scalar) }
        return ems * size * fallbackFactor * (bold ? 1.1 : 1.0)
    }

    /// `text` unchanged when it fits in `maxWidth`, otherwise cut at a character boundary and ended with `…`.
    public static func fit(_ text: String, maxWidth: Double, size: Double, bold: Bool = false) -> String {
        if width(text, size: size, bold: bold) <= maxWidth { return text }
        let budget = maxWidth - width("…", size: size, bold: bold)
        var out = ""
        var used = 0.0
        for character in text {
            let w = width(String(character), size: size, bold: bold)
            if used + w > budget { break }
            out.append(character)
            used += w
        }
        while out.last?.isWhitespace == true { out.removeLast() }
        return out + "…"
    }

    /// `text` broken into at most `maxLines` lines no wider than `maxWidth`; words longer than a line are
    /// split, and the last line ends with `…` when text is left over.
    public static func wrap(
        _ text: String, maxWidth: Double, size: Double, bold: Bool = false, maxLines: Int
    ) -> [String] {
        let words = text.split(whereSeparator: { $0.isWhitespace }).map(String.init)
        var lines: [String] = []
        var current = ""
        var overflow = false
        func fits(_ s: String) -> Bool { width(s, size: size, bold: bold) <= maxWidth }
        outer: for word in words {
            let candidate = current.isEmpty ? word : current + " " + word
            if fits(candidate) {
                current = candidate
                continue
            }
            if !current.isEmpty {
                lines.append(current)
                current = ""
                if lines.count == maxLines {
                    overflow = true
                    break outer
                }
            }
            // Split a word wider than a whole line.
            var piece = ""
            for character in word {
                if fits(piece + String(character)) {
                    piece.append(character)
                } else {
                    lines.append(piece)
                    piece = String(character)
                    if lines.count == maxLines {
                        overflow = true
                        break outer
                    }
                }
            }
            current = piece
        }
        if !overflow && !current.isEmpty {
            if lines.count < maxLines { lines.append(current) } else { overflow = true }
        }
        if overflow, let last = lines.last {
            lines[lines.count - 1] = fit(last + "…", maxWidth: maxWidth, size: size, bold: bold)
        }
        if lines.isEmpty { lines = [""] }
        return lines
    }
}
