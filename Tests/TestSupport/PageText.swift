import Foundation

/// What a reader sees of a rendered page: its visible text, and the text of each table cell. Tags, the head,
/// styles, attributes (links' targets, hovers) are left out; the five entities the renderer writes are decoded.
public enum PageText {
    /// The page's visible text (the `<head>` and any `<style>` removed, tags stripped).
    public static func visible(_ html: String) -> String {
        var text = html
        for tag in ["head", "style", "script", "title"] {
            text = text.replacingOccurrences(of: "<\(tag)\\b[^>]*>.*?</\(tag)>", with: " ", options: [.regularExpression, .caseInsensitive])
        }
        return decode(strip(text))
    }

    /// The visible text of every `<td>` and `<th>`.
    public static func cells(_ html: String) -> [String] {
        let pattern = try! NSRegularExpression(pattern: "<t([dh])\\b[^>]*>(.*?)</t\\1>", options: [.dotMatchesLineSeparators])
        let range = NSRange(html.startIndex..., in: html)
        return pattern.matches(in: html, range: range).compactMap { match in
            Range(match.range(at: 2), in: html).map { decode(strip(String(html[$0]))) }
        }
    }

    /// How often `needle` occurs in `text`.
    public static func count(_ needle: String, in text: String) -> Int {
        guard !needle.isEmpty else { return 0 }
        return text.components(separatedBy: needle).count - 1
    }

    static func strip(_ html: String) -> String {
        html.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
    }

    static func decode(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
