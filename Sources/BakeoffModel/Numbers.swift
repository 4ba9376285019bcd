/// Locale-independent number formatting, so every output is byte-identical across machines.
public enum Numbers {
    /// Formats with at most `decimals` decimals, trailing zeros removed (`1.50` → `1.5`, `2.0` → `2`).
    public static func format(_ value: Double, decimals: Int = 3) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "∞" : "-∞") }
        return digits(value, decimals: decimals, trimmingZeros: true)
    }

    /// Formats with exactly `decimals` decimals, rounding half away from zero.
    public static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return format(value) }
        return digits(value, decimals: decimals, trimmingZeros: false)
    }

    /// `value` rounded half away from zero to `decimals` decimals, written from its digits' bytes: charts and pages
    /// write thousands of numbers, and editing the text as characters was a twentieth of a build.
    private static func digits(_ value: Double, decimals: Int, trimmingZeros: Bool) -> String {
        let decimals = max(0, decimals)
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
        let negative = value < 0 && scaled > 0
        var n = UInt64(Int64(scaled))
        let count = max(20, decimals + 1) + 2
        return String(unsafeUninitializedCapacity: count) { out in
            // Right to left: the decimals, the point, the whole part (at least one digit), the sign.
            var at = count
            var kept = false  // a decimal digit kept when trimming zeros
            for _ in 0..<decimals {
                let digit = UInt8(n % 10)
                n /= 10
                if trimmingZeros && !kept && digit == 0 { continue }
                kept = true
                at -= 1
                out[at] = 48 + digit
            }
            if kept {
                at -= 1
                out[at] = UInt8(ascii: ".")
            }
            repeat {
                at -= 1
                out[at] = 48 + UInt8(n % 10)
                n /= 10
            } while n > 0
            if negative {
                at -= 1
                out[at] = UInt8(ascii: "-")
            }
            let length = count - at
            if at > 0 { for i in 0..<length { out[i] = out[at + i] } }
            return length
        }
    }

    /// A count with its noun in the right number: `1 stage`, `2 stages` (`plural` for irregular nouns).
    public static func count(_ n: Int, _ noun: String, plural: String? = nil) -> String {
        "\(n) " + (n == 1 ? noun : plural ?? noun + "s")
    }

    /// Small whole numbers as words (`6` → `six`), as a sentence reads them; larger ones as digits.
    public static func word(_ n: Int) -> String {
        let words = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
        return words.indices.contains(n) ? words[n] : String(n)
    }

    /// Seconds as `m:ss` (e.g. 300 → `5:00`).
    public static func minutesSeconds(_ seconds: Int) -> String {
        let s = max(0, seconds)
        let rest = s % 60
        return "\(s / 60):" + (rest < 10 ? "0" : "") + String(rest)
    }

    /// `$12,345` or `$12.5`: dollars with thousands separators and at most two decimals.
    public static func dollars(_ amount: Double) -> String {
        let text = Numbers.format(amount, decimals: 2)
        let negative = text.hasPrefix("-")
        let body = negative ? String(text.dropFirst()) : text
        let parts = body.split(separator: ".", maxSplits: 1)
        var whole = String(parts[0])
        var grouped = ""
        while whole.count > 3 {
            grouped = "," + whole.suffix(3) + grouped
            whole.removeLast(3)
        }
        grouped = whole + grouped
        if parts.count > 1 { grouped += "." + parts[1] }
        return (negative ? "-$" : "$") + grouped
    }

    /// A byte count in binary units with one decimal (`52.3 MiB`).
    public static func bytes(_ count: Int64) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(count)
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return unit == 0 ? "\(count) B" : "\(fixed(value, decimals: 1)) \(units[unit])"
    }
}
