
/// Small rules of English the deck and the posts share, so a generated sentence reads as a person wrote it:
/// "an experimentation team", "1 stage", "$12,960", "Ruff and Black".
public enum Prose {
    /// "a" or "an" for the word that follows (by its sound's usual spelling; acronyms spoken letter by letter).
    public static func article(for word: String) -> String {
        let trimmed = Self.trimmed(word)
        guard let first = trimmed.first else { return "a" }
        // Letters spoken as a name ("an ML team", "an R&D team", "a CI/CD job"): the letter's name decides.
        let second = trimmed.dropFirst().first ?? " "
        if first.isUppercase, second.isUppercase || second == "&" || second == "/" {
            return "AEFHILMNORSX".contains(first) ? "an" : "a"
        }
        let lower = trimmed.lowercased()
        for exception in ["uni", "use", "usu", "eu", "one", "once"] where lower.hasPrefix(exception) { return "a" }
        for exception in ["hour", "honest", "honour"] where lower.hasPrefix(exception) { return "an" }
        return "aeiou".contains(first.lowercased()) ? "an" : "a"
    }

    /// The word with its article: "an experimentation team".
    public static func withArticle(_ phrase: String) -> String { article(for: phrase) + " " + phrase }

    /// "a", "a and b", "a, b and c"; `empty` when there is nothing.
    /// "Cost decides…": the first letter upper-case.
    public static func capitalized(_ text: String) -> String { text.prefix(1).uppercased() + text.dropFirst() }

    public static func list(_ items: [String], empty: String = "none") -> String {
        switch items.count {
        case 0: return empty
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " and " + items.last!
        }
    }

    /// "1 stage", "2 stages" (plural by `s`, or the one given).
    public static func count(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(grouped(n)) " + (n == 1 ? singular : plural ?? singular + "s")
    }

    /// A whole number with `separator` between thousands (`12,960`; the site passes a space).
    public static func grouped(_ value: Int, separator: Character = ",") -> String {
        let digits = String(abs(value))
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(separator) }
            out.append(c)
        }
        return (value < 0 ? "-" : "") + out
    }

    /// Whole US dollars with thousands separators (`$12,960`).
    public static func usd(_ value: Double) -> String {
        let rounded = Int(value.rounded(.toNearestOrAwayFromZero))
        return (rounded < 0 ? "-$" : "$") + grouped(abs(rounded))
    }

    /// "once", "twice", "three times" … up to ten in words, then digits.
    public static func times(_ n: Int) -> String {
        let words = ["no times", "once", "twice", "three times", "four times", "five times", "six times", "seven times",
                     "eight times", "nine times", "ten times"]
        return n >= 0 && n < words.count ? words[n] : "\(grouped(n)) times"
    }

    /// The text as the end of a sentence: first letter lowered (unless it starts an acronym or a name in
    /// capitals), one final full stop.
    public static func clause(_ text: String) -> String {
        let trimmed = Self.trimmed(text)
        guard let first = trimmed.first else { return "" }
        let second = trimmed.dropFirst().first
        let keep = second.map { $0.isUppercase } ?? false
        let lowered = keep ? trimmed : first.lowercased() + trimmed.dropFirst()
        return lowered.hasSuffix(".") ? lowered : lowered + "."
    }

    /// A stage title inside a sentence: lower case except the acronyms the course writes in capitals (ML, CI/CD,
    /// DAG, MLOps, …), so "ML pipeline orchestration" never becomes "ml pipeline orchestration".
    public static func inSentence(_ title: String) -> String {
        title.split(separator: " ", omittingEmptySubsequences: false).map { word -> String in
            let letters = word.filter(\.isLetter)
            let capitals = letters.filter(\.isUppercase).count
            // Acronyms and names in capitals (ML, CI/CD, MLOps, R&D) keep their case.
            if capitals >= 2 || (letters.count == 1 && capitals == 1 && word.count > 1) { return String(word) }
            return word.lowercased()
        }.joined(separator: " ")
    }
}

extension Prose {
    /// The text without white space (or line breaks) at either end.
    static func trimmed(_ text: String) -> String {
        String(text.drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}

extension CompanyKind {
    /// The course's name for this kind of company.
    public var courseLabel: String {
        switch self {
        case .startup: "Startup"
        case .midSize: "Mid-size"
        case .enterprise: "Big and established"
        }
    }
}

extension DataScienceTeamKind {
    /// The course's name for this kind of data-science team.
    public var courseLabel: String {
        switch self {
        case .experimentation: "Experimentation ML team"
        case .core: "Core ML team"
        case .research: "R&D ML team"
        }
    }

}
