import BakeoffModel
import Foundation

/// The deck as one self-contained HTML file: every slide a section, images inlined as data URIs,
/// arrow keys (and space, Page Up/Down, Home, End) to move, `n` to show the speaker notes; prints one slide a page.
public enum DeckPage {
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

    /// - Parameter images: SVG documents by the path the slides link them with (e.g. `../site/architecture.svg`).
    public static func html(slides: [Slide], plan: TalkPlan, team: Team, images: [String: String]) -> String {
        var sections: [String] = []
        // Image sources as the rendered HTML writes them (escaped) → the SVG to inline.
        let byEscapedPath = Dictionary(images.map { (Markup.escape($0.key), $0.value) }, uniquingKeysWith: { a, _ in a })
        for (index, slide) in slides.enumerated() {
            let body = inline(MarkdownRenderer.html("# \(MarkdownText.escape(slide.title))\n\n\(slide.body)"), byEscapedPath)
            let part = plan.parts.first { $0.slide == slide.id }
            let speaker = part.map { team.member($0.speaker)?.name ?? $0.speaker } ?? "unassigned"
            sections.append(
                """
                <section class="slide" id="\(Markup.anchor(slide.id))" aria-label="Slide \(index + 1) of \(slides.count)">
                \(body)<aside class="notes"><p><strong>\(Markup.escape(speaker))</strong> · \(Numbers.minutesSeconds(part?.seconds ?? 0))</p><p>\(Markup.escape(slide.notes))</p></aside>
                <footer>\(index + 1) / \(slides.count)</footer>
                </section>
                """)
        }
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(Markup.escape(team.name)): the talk</title>
            <style>
            :root { color-scheme: light dark; --fg: #1b1f24; --bg: #ffffff; --muted: #57606a; --line: #d0d7de; }
            @media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --bg: #0d1117; --muted: #9198a1; --line: #3d444d; } }
            html, body { margin: 0; height: 100%; background: var(--bg); color: var(--fg);
              font: 24px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
            .slide { display: none; box-sizing: border-box; height: 100vh; padding: 4vh 6vw; overflow: auto; position: relative; }
            .slide.current { display: block; }
            h1 { font-size: 1.6em; margin: 0 0 0.6em; }
            table { border-collapse: collapse; font-size: 0.8em; margin: 0.5em 0; }
            th, td { border: 1px solid var(--line); padding: 0.2em 0.6em; }
            img { max-width: 100%; max-height: 55vh; display: block; margin: 0.5em 0; }
            .notes { display: none; border-top: 1px solid var(--line); margin-top: 1em; color: var(--muted); font-size: 0.75em; }
            body.show-notes .notes { display: block; }
            footer { position: absolute; right: 2vw; bottom: 2vh; color: var(--muted); font-size: 0.6em; }
            @media print {
              .slide { display: block; height: auto; page-break-after: always; }
              .notes { display: block; }
            }
            </style>
            </head>
            <body>
            \(sections.joined(separator: "\n"))
            <script>
            (function () {
              var slides = document.querySelectorAll(".slide");
              var i = 0;
              function show(n) {
                i = Math.max(0, Math.min(slides.length - 1, n));
                for (var k = 0; k < slides.length; k++) slides[k].classList.toggle("current", k === i);
                if (history.replaceState) history.replaceState(null, "", "#" + slides[i].id);
              }
              var start = 0;
              for (var k = 0; k < slides.length; k++) if ("#" + slides[k].id === location.hash) start = k;
              show(start);
              document.addEventListener("keydown", function (e) {
                if (e.key === "ArrowRight" || e.key === "PageDown" || e.key === " ") { show(i + 1); e.preventDefault(); }
                else if (e.key === "ArrowLeft" || e.key === "PageUp") { show(i - 1); e.preventDefault(); }
                else if (e.key === "Home") show(0);
                else if (e.key === "End") show(slides.length - 1);
                else if (e.key === "n") document.body.classList.toggle("show-notes");
              });
            })();
            </script>
            </body>
            </html>

            """
    }
}
