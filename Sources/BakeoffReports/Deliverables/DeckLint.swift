import BakeoffModel
import Foundation

/// The errors a grader sees on a slide, found before they do: a wrong article ("a experimentation"), an acronym
/// in lower case ("ml", "ci/cd"), a large number without thousands separators ("$12960"), a raw id or key name
/// in prose ("wandb", "log_runs"), and too many words on one slide. Overflow at 1280×720 is measured in a
/// browser (see `DeckPage`); this is the part that needs none.
public enum DeckLint {
    /// One problem on one slide.
    public struct Problem: Hashable, Sendable, CustomStringConvertible {
        public var slide: String
        /// `article`, `acronym`, `number`, `raw-id`, `words`, `overflow`.
        public var kind: String
        public var message: String

        public init(slide: String, kind: String, message: String) {
            self.slide = slide
            self.kind = kind
            self.message = message
        }

        public var description: String { "slide \(slide): \(kind): \(message)" }
    }

    /// Words a slide may show: prose (bullets, paragraphs) and everything including its tables.
    public static let proseWordBudget = 90
    public static let wordBudget = 150

    /// Acronyms the course writes in capitals, by their lower-case spelling.
    static let acronyms = ["ml": "ML", "mlops": "MLOps", "ci/cd": "CI/CD", "cicd": "CI/CD", "dag": "DAG", "dags": "DAGs",
                           "api": "API", "csv": "CSV", "tco": "TCO", "r&d": "R&D"]

    /// Every problem of `slides`; `rawIDs`: ids that must not show in prose (tool and criterion ids whose display
    /// name differs).
    public static func lint(_ slides: [Slide], rawIDs: Set<String>) -> [Problem] {
        var problems: [Problem] = []
        for slide in slides {
            let shown = unescape(stripCode(slide.title + "\n" + slide.body))
            let texts = [shown, unescape(stripCode(slide.notes))]
            func add(_ kind: String, _ message: String) {
                let p = Problem(slide: slide.id, kind: kind, message: message)
                if !problems.contains(p) { problems.append(p) }
            }
            for text in texts {
                let words = tokens(text)
                for (i, word) in words.enumerated() {
                    let lower = word.lowercased()
                    if (lower == "a" || lower == "an"), i + 1 < words.count {
                        let next = words[i + 1]
                        if next.first?.isLetter == true, Prose.article(for: next) != lower {
                            add("article", "\"\(word) \(next)\": write \"\(Prose.article(for: next)) \(next)\"")
                        }
                    }
                    if let right = acronyms[lower], word != right, word == lower {
                        add("acronym", "\"\(word)\": write \"\(right)\"")
                    }
                    if rawIDs.contains(word) { add("raw-id", "\"\(word)\" is an id; write the name people know") }
                    if word.contains("_"), word.contains(where: \.isLetter) {
                        add("raw-id", "\"\(word)\" is a key name; write it in words")
                    }
                }
                for number in unseparated(text) {
                    add("number", "\"\(number)\": write thousands with commas (\(separated(number)))")
                }
            }
            let lines = slide.body.split(separator: "\n", omittingEmptySubsequences: false)
            let prose = lines.filter { !$0.hasPrefix("|") }.joined(separator: " ")
            let proseWords = TalkPlan.words(in: unescape(stripCode(slide.title + " " + prose)))
            let allWords = TalkPlan.words(in: shown)
            if proseWords > proseWordBudget {
                add("words", "\(proseWords) words of text; keep it to \(proseWordBudget) (move the rest into the notes)")
            } else if allWords > wordBudget {
                add("words", "\(allWords) words with the tables; keep it to \(wordBudget)")
            }
        }
        return problems
    }

    /// Words, keeping the characters acronyms and ids are made of (`ci/cd`, `r&d`, `log_runs`, `git-lfs`).
    static func tokens(_ text: String) -> [String] {
        var out: [String] = []
        var current = ""
        for c in text {
            if c.isLetter || c.isNumber || "_/&-".contains(c) {
                current.append(c)
            } else {
                if !current.isEmpty { out.append(current.trimmingCharacters(in: CharacterSet(charactersIn: "/&-"))) }
                current = ""
            }
        }
        if !current.isEmpty { out.append(current.trimmingCharacters(in: CharacterSet(charactersIn: "/&-"))) }
        return out.filter { !$0.isEmpty }
    }

    /// Numbers of five or more digits, or money of four or more, written without separators (years, dates,
    /// versions and ids are left alone: a number glued to `-`, `.`, `:` or a letter is not prose).
    static func unseparated(_ text: String) -> [String] {
        var found: [String] = []
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            guard chars[i].isNumber else { i += 1; continue }
            var j = i
            while j < chars.count, chars[j].isNumber { j += 1 }
            let before: Character? = i > 0 ? chars[i - 1] : nil
            let after: Character? = j < chars.count ? chars[j] : nil
            let digits = String(chars[i..<j])
            let glued = { (c: Character?) in c.map { $0.isLetter || "-.:/_#".contains($0) } ?? false }
            let afterGlued = after.map { $0.isLetter || "-:/_#".contains($0) || ($0 == "." && j + 1 < chars.count && chars[j + 1].isNumber) } ?? false
            let money = before == "$"
            if !glued(before) || money, !afterGlued, before != ",", after != "," {
                if digits.count >= 5 || (money && digits.count >= 4) { found.append((money ? "$" : "") + digits) }
            }
            // "1 000": a space as the thousands separator.
            if j + 4 <= chars.count, chars[j] == " ", digits.count <= 3, chars[(j + 1)..<(j + 4)].allSatisfy(\.isNumber),
                j + 4 == chars.count || !chars[j + 4].isNumber
            {
                found.append(digits + " " + String(chars[(j + 1)..<(j + 4)]))
            }
            i = j
        }
        return found
    }

    static func separated(_ number: String) -> String {
        let money = number.hasPrefix("$")
        let digits = number.filter(\.isNumber)
        return (money ? "$" : "") + Prose.grouped(Int(digits) ?? 0)
    }

    /// Removes Markdown escapes, so the text reads as shown.
    static func unescape(_ text: String) -> String {
        var out = ""
        var escaped = false
        for c in text {
            if c == "\\" && !escaped { escaped = true; continue }
            escaped = false
            out.append(c)
        }
        return out
    }

    /// Drops code spans and image or link destinations: commands and paths are not prose.
    static func stripCode(_ text: String) -> String {
        var out = ""
        var inCode = false
        var inDestination = false
        var previous: Character = " "
        for c in text {
            if c == "`" { inCode.toggle(); previous = c; continue }
            if !inCode, c == "(", previous == "]" { inDestination = true }
            if !inCode && !inDestination { out.append(c) }
            if inDestination, c == ")" { inDestination = false }
            previous = c
        }
        return out
    }

    /// The overflow problems in the DOM that `deck.html#check` leaves (`<pre id="deck-check">`): one per slide
    /// whose content is taller or wider than its frame. Nil when the page did not report (the check did not run).
    public static func overflow(fromDOM dom: String) -> [Problem]? {
        guard let start = dom.range(of: "<pre id=\"deck-check\">"), let end = dom.range(of: "</pre>", range: start.upperBound..<dom.endIndex)
        else { return nil }
        let lines = dom[start.upperBound..<end.lowerBound].split(separator: "\n").map(String.init)
        guard lines.first?.hasPrefix("checked ") == true else { return nil }
        return lines.dropFirst().compactMap { line in
            let f = line.split(separator: " ").map(String.init)
            guard f.count == 5 else { return nil }
            return Problem(
                slide: f[0], kind: "overflow",
                message: "its content is \(f[3])×\(f[1]) px in a \(f[4])×\(f[2]) px frame at \(DeckPage.width)×\(DeckPage.height); shorten it")
        }
    }

    /// Rewrites "1 000" as "1,000" in deck text (the site's thin-space style reads as two numbers on a slide).
    public static func commaThousands(_ text: String) -> String {
        // ASCII text without a digit, a space and three digits in a row is left as it is, judged on its bytes
        // (the check by characters was a fifth of outlining the talk); anything else goes through the characters.
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            let bytes = Array(text.utf8)
            let digit: (UInt8) -> Bool = { $0 >= 0x30 && $0 <= 0x39 }
            var found = false
            var i = 0
            while i + 4 < bytes.count {
                if digit(bytes[i]) && bytes[i + 1] == 0x20 && digit(bytes[i + 2]) && digit(bytes[i + 3]) && digit(bytes[i + 4]) {
                    found = true
                    break
                }
                i += 1
            }
            if !found { return text }
        }
        var result = ""
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            result.append(chars[i])
            if chars[i].isNumber, i + 5 <= chars.count, chars[i + 1] == " ",
                chars[(i + 2)..<(i + 5)].allSatisfy(\.isNumber),
                i + 5 == chars.count || !chars[i + 5].isNumber
            {
                // Only where the digits before the space are a group of at most three.
                var k = i
                while k >= 0, chars[k].isNumber { k -= 1 }
                if i - k <= 3 { result.append(","); i += 2; continue }
            }
            i += 1
        }
        return result
    }
}
