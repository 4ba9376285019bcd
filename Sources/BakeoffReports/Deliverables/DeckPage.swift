import BakeoffModel
import Foundation

/// The deck as one self-contained HTML file: every slide a 1280×720 section scaled to the window, images inlined
/// as data URIs, arrow keys (and space, Page Up/Down, Home, End) to move. The speaker notes never show on the
/// shared screen: `p` opens a presenter view in its own window (notes, speaker, time, next slide). Opened with
/// `#check`, the page measures every slide and writes the ones that overflow into `#deck-check` (what
/// `bakeoff slides --check` reads through headless Chromium).
public enum DeckPage {
    /// The slide size the deck is designed and checked at.
    public static let width = 1280
    public static let height = 720

    /// Every `src="PATH"` whose PATH is a known image becomes a base64 data URI; other sources stay as they are.
    static func inline(_ html: String, _ images: [String: String]) -> String {
        let marker = "src=\""
        var out = ""
        var rest = Substring(html)
        while let start = rest.range(of: marker) {
            out += rest[..<start.upperBound]
            rest = rest[start.upperBound...]
            guard let end = rest.firstIndex(of: "\"") else { break }
            let path = String(rest[..<end])
            out += images[path].map { "data:image/svg+xml;base64," + Data($0.utf8).base64EncodedString() } ?? path
            rest = rest[end...]
        }
        return out + rest
    }

    /// The view model of `templates/deck.mustache`: text values are escaped by the template; `bodyHTML` and
    /// `figureHTML` are already-rendered HTML (Markdown through cmark-gfm, raw HTML turned into text).
    public struct View: Sendable, Encodable {
        public struct SlideView: Sendable, Encodable {
            public var id: String
            public var classes: String
            public var label: String
            public var title: String
            public var bodyHTML: String
            public var figureHTML: String
            public var notes: String
            public var speaker: String
            public var time: String
            public var number: String
            public var team: String
        }

        public var team: String
        public var slides: [SlideView]
    }

    /// The deck's view model; images are SVG documents by the path the slides link them with
    /// (e.g. `../site/architecture.svg`), inlined as data URIs.
    public static func view(slides: [Slide], plan: TalkPlan, team: Team, images: [String: String]) -> View {
        // Image sources as the rendered HTML writes them (escaped) → the SVG to inline.
        let byEscapedPath = Dictionary(images.map { (Markup.escape($0.key), $0.value) }, uniquingKeysWith: { a, _ in a })
        let main = slides.filter { !$0.backup }.count
        let views = slides.enumerated().map { index, slide -> View.SlideView in
            let figure = slide.image.map { path in
                inline("<figure><img src=\"\(Markup.escape(path))\" alt=\"\(Markup.escape(slide.imageAlt))\"></figure>", byEscapedPath)
            } ?? ""
            let part = plan.parts.first { $0.slide == slide.id }
            return View.SlideView(
                id: Markup.anchor(slide.id),
                classes: "slide" + (slide.backup ? " backup" : "") + (slide.image == nil ? "" : " with-figure"),
                label: "Slide \(index + 1) of \(slides.count)", title: slide.title,
                bodyHTML: inline(MarkdownRenderer.html(slide.body), byEscapedPath), figureHTML: figure, notes: slide.notes,
                speaker: slide.backup ? "Backup slide (untimed)" : part.map { team.member($0.speaker)?.name ?? $0.speaker } ?? "unassigned",
                time: Numbers.minutesSeconds(part?.seconds ?? 0), number: slide.backup ? "backup" : "\(index + 1) / \(main)",
                team: team.name)
        }
        return View(team: team.name, slides: views)
    }

    /// The deck rendered with `templates/deck.mustache` (the project's, else the built-in copy).
    public static func html(
        slides: [Slide], plan: TalkPlan, team: Team, images: [String: String], templates: TemplateSet = .builtIn
    ) -> String {
        templates.render("deck", view(slides: slides, plan: plan, team: team, images: images))
    }
}
