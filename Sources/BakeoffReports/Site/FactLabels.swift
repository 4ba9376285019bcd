import BakeoffModel

/// How the site names a fact: one table of human labels for the keys the catalog documents, and a readable
/// fallback for any other key, so a page never shows `pricing.model` or `release_cadence_days` to a reader.
public enum FactLabels {
    /// Key → label and the unit a bare number is in (appended to numeric values).
    static let table: [String: (label: String, unit: String?)] = [
        "license": ("Licence", nil),
        "hosting": ("Hosting", nil),
        "managed_hosting": ("Managed hosting", nil),
        "pricing.model": ("Pricing", nil),
        "pricing.summary": ("Pricing in detail", nil),
        "pricing.seat_usd_month": ("Price per seat", "USD a month"),
        "first_release": ("First release", nil),
        "latest_release": ("Latest release", nil),
        "release_cadence_days": ("Release cadence", "days between releases"),
        "commercial_support": ("Commercial support", nil),
        "integrations": ("Integrates with", nil),
        "free_minutes_month": ("Free minutes", "a month"),
        "max_job_hours": ("Longest job", "hours"),
        "oss_credits_month": ("Open-source credits", "a month"),
    ]

    /// The facts a compact comparison shows, in this order, when a candidate has them.
    static let key = ["license", "hosting", "pricing.model", "commercial_support", "release_cadence_days"]

    /// The label of a fact key: from the table, else the key humanised (`free_minutes_month` → `Free minutes
    /// month`, `pricing.tier` → `Pricing tier`).
    public static func label(_ key: String) -> String {
        if let known = table[key] { return known.label }
        let words = key.split(whereSeparator: { $0 == "_" || $0 == "." || $0 == "-" }).map(String.init)
        guard let first = words.first else { return key }
        return ([first.prefix(1).uppercased() + first.dropFirst()] + words.dropFirst()).joined(separator: " ")
    }

    /// A fact's value as shown: numbers with the key's unit (`17 days between releases`).
    public static func value(_ fact: Fact) -> String {
        let text = fact.value.description
        if fact.value.number != nil, let unit = table[fact.key]?.unit { return "\(text) \(unit)" }
        return text
    }

    /// The documented keys a text may quote, longest first (so `pricing.seat_usd_month` goes before a key it
    /// contains), with their labels in lower case.
    private static let replacements: [(key: String, label: String)] = table.keys
        .filter { $0.contains("_") || $0.contains(".") }
        .sorted { ($0.count, $0) > ($1.count, $1) }
        .map { ($0, table[$0]!.label.lowercased()) }

    /// True when `text` holds `key` (ASCII), by a plain byte search: this runs for every value a page shows.
    private static func quotes(_ text: String, _ key: String) -> Bool {
        let needle = Array(key.utf8)
        func search(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            guard bytes.count >= needle.count else { return false }
            for start in 0...(bytes.count - needle.count) where bytes[start] == needle[0] {
                var offset = 1
                while offset < needle.count, bytes[start + offset] == needle[offset] { offset += 1 }
                if offset == needle.count { return true }
            }
            return false
        }
        return text.utf8.withContiguousStorageIfAvailable(search) ?? Array(text.utf8).withUnsafeBufferPointer(search)
    }

    /// A scorer's text with fact keys made readable: `no KEY fact` for any key (`unknown (no release cadence
    /// fact)`), and the documented keys wherever they stand (`free (pricing: free)`).
    public static func readable(_ text: String) -> String {
        var text = text
        for (key, label) in replacements where quotes(text, key) {
            text = text.replacing(key, with: label)
        }
        guard text.contains(" fact") else { return text }
        var out = ""
        var rest = Substring(text)
        while let start = rest.range(of: "no ") {
            out += rest[..<start.upperBound]
            rest = rest[start.upperBound...]
            guard let space = rest.firstIndex(of: " "), rest[space...].hasPrefix(" fact") else { continue }
            let key = String(rest[..<space])
            out += key.contains("_") || key.contains(".") ? label(key).lowercased() : key
            rest = rest[space...]
        }
        return out + rest
    }
}
