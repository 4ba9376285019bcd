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

    /// - Parameter images: SVG documents by the path the slides link them with (e.g. `../site/architecture.svg`).
    public static func html(slides: [Slide], plan: TalkPlan, team: Team, images: [String: String]) -> String {
        var sections: [String] = []
        // Image sources as the rendered HTML writes them (escaped) → the SVG to inline.
        let byEscapedPath = Dictionary(images.map { (Markup.escape($0.key), $0.value) }, uniquingKeysWith: { a, _ in a })
        let main = slides.filter { !$0.backup }.count
        for (index, slide) in slides.enumerated() {
            let body = inline(MarkdownRenderer.html(slide.body), byEscapedPath)
            let figure = slide.image.map { path in
                inline("<figure><img src=\"\(Markup.escape(path))\" alt=\"\(Markup.escape(slide.imageAlt))\"></figure>", byEscapedPath)
            } ?? ""
            let part = plan.parts.first { $0.slide == slide.id }
            let speaker = slide.backup ? "Backup slide (untimed)" : part.map { team.member($0.speaker)?.name ?? $0.speaker } ?? "unassigned"
            let number = slide.backup ? "backup" : "\(index + 1) / \(main)"
            sections.append(
                """
                <section class="slide\(slide.backup ? " backup" : "")\(slide.image == nil ? "" : " with-figure")" id="\(Markup.anchor(slide.id))" aria-label="Slide \(index + 1) of \(slides.count)">
                <div class="frame"><h1>\(Markup.escape(slide.title))</h1><div class="content"><div class="body">
                \(body)</div>\(figure)</div></div>
                <aside class="notes" hidden data-speaker="\(Markup.escape(speaker))" data-time="\(Numbers.minutesSeconds(part?.seconds ?? 0))">\(Markup.escape(slide.notes))</aside>
                <footer><span>\(Markup.escape(team.name))</span><span>\(number)</span></footer>
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
            :root { --fg: #1b1f24; --bg: #ffffff; --accent: #0b3d91; --muted: #57606a; --line: #d0d7de; --band: #f3f6fb; }
            html, body { margin: 0; height: 100%; background: #20232a; color: var(--fg);
              font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
            .slide { display: none; position: absolute; left: 0; top: 0; width: \(width)px; height: \(height)px; box-sizing: border-box;
              background: var(--bg); transform-origin: 0 0; overflow: hidden; }
            .slide.current { display: block; }
            .frame { box-sizing: border-box; height: \(height - 48)px; padding: 40px 64px 0; overflow: hidden; }
            h1 { font-size: 34px; line-height: 1.15; margin: 0 0 24px; color: var(--accent); border-bottom: 4px solid var(--accent); padding-bottom: 12px; }
            .content { display: flex; gap: 40px; align-items: flex-start; font-size: 24px; line-height: 1.4; }
            .body { flex: 1 1 55%; min-width: 0; }
            .with-figure .content { font-size: 21px; }
            .with-figure .body { flex: 1 1 56%; }
            figure { flex: 1 1 44%; margin: 0; }
            figure img { display: block; width: 100%; max-height: 540px; object-fit: contain; object-position: top; }
            #title .content, #ask .content { font-size: 30px; }
            /* The architecture is wide: the diagram across the slide, the picks under it in two columns. */
            #architecture .content { flex-direction: column-reverse; gap: 16px; font-size: 20px; }
            #architecture figure, #architecture .body { flex: none; width: 100%; }
            #architecture figure img { max-height: 360px; }
            #architecture ul { columns: 2; column-gap: 40px; } #architecture li { break-inside: avoid; }
            ul { margin: 0; padding-left: 1.2em; } li { margin: 0.2em 0; }
            p { margin: 0 0 0.5em; }
            table { border-collapse: collapse; font-size: 18px; margin: 0 0 16px; }
            th, td { border-bottom: 1px solid var(--line); padding: 3px 10px; text-align: left; }
            td:first-child { white-space: nowrap; }
            th { background: var(--band); }
            td[align="right"], th[align="right"] { text-align: right; }
            code { font-size: 0.85em; background: var(--band); padding: 0 4px; border-radius: 3px; }
            footer { position: absolute; left: 0; right: 0; bottom: 0; height: 48px; box-sizing: border-box; padding: 12px 64px;
              display: flex; justify-content: space-between; color: var(--muted); font-size: 16px; border-top: 1px solid var(--line); }
            .backup h1 { color: var(--muted); border-color: var(--muted); }
            .notes { display: none !important; }
            @media print {
              html, body { background: none; }
              .slide { display: block; position: relative; transform: none !important; page-break-after: always; }
              @page { size: \(width)px \(height)px; margin: 0; }
            }
            </style>
            </head>
            <body>
            \(sections.joined(separator: "\n"))
            <script>
            (function () {
              var slides = document.querySelectorAll(".slide");
              var i = 0, presenter = null, started = null;
              if (location.hash === "#check") {
                // Overflow check: every slide's frame must hold its content at \(width)×\(height).
                var out = [];
                for (var k = 0; k < slides.length; k++) {
                  slides[k].style.display = "block";
                  var f = slides[k].querySelector(".frame");
                  if (f.scrollHeight > f.clientHeight + 1 || f.scrollWidth > f.clientWidth + 1)
                    out.push(slides[k].id + " " + f.scrollHeight + " " + f.clientHeight + " " + f.scrollWidth + " " + f.clientWidth);
                  slides[k].style.display = "";
                }
                var pre = document.createElement("pre");
                pre.id = "deck-check";
                pre.textContent = "checked " + slides.length + "\\n" + out.join("\\n");
                document.body.appendChild(pre);
                return;
              }
              function fit() {
                var s = Math.min(window.innerWidth / \(width), window.innerHeight / \(height));
                var x = (window.innerWidth - \(width) * s) / 2, y = (window.innerHeight - \(height) * s) / 2;
                for (var k = 0; k < slides.length; k++) slides[k].style.transform = "translate(" + x + "px," + y + "px) scale(" + s + ")";
              }
              function text(el) { return el ? el.textContent : ""; }
              function updatePresenter() {
                if (!presenter || presenter.closed) return;
                var notes = slides[i].querySelector(".notes");
                var next = slides[i + 1] ? text(slides[i + 1].querySelector("h1")) : "(end)";
                var d = presenter.document;
                d.getElementById("now").textContent = (i + 1) + " / " + slides.length + ": " + text(slides[i].querySelector("h1"));
                d.getElementById("who").textContent = notes.getAttribute("data-speaker") + " · " + notes.getAttribute("data-time");
                d.getElementById("notes").textContent = text(notes);
                d.getElementById("next").textContent = "Next: " + next;
              }
              function openPresenter() {
                presenter = window.open("", "bakeoff-presenter", "width=900,height=600");
                if (!presenter) return;
                started = started || Date.now();
                presenter.document.title = "Presenter view";
                presenter.document.body.innerHTML = '<p id="now" style="font:bold 22px system-ui"></p><p id="who" style="font:18px system-ui;color:#57606a"></p>'
                  + '<p id="notes" style="font:24px/1.5 system-ui"></p><p id="next" style="font:18px system-ui;color:#57606a"></p><p id="clock" style="font:bold 28px system-ui"></p>';
                presenter.addEventListener("keydown", key);
                setInterval(function () {
                  if (!presenter || presenter.closed) return;
                  var s = Math.floor((Date.now() - started) / 1000);
                  presenter.document.getElementById("clock").textContent = Math.floor(s / 60) + ":" + ("0" + s % 60).slice(-2);
                }, 500);
                updatePresenter();
              }
              function show(n) {
                i = Math.max(0, Math.min(slides.length - 1, n));
                for (var k = 0; k < slides.length; k++) slides[k].classList.toggle("current", k === i);
                if (history.replaceState) history.replaceState(null, "", "#" + slides[i].id);
                updatePresenter();
              }
              function key(e) {
                if (e.key === "ArrowRight" || e.key === "PageDown" || e.key === " ") { show(i + 1); e.preventDefault(); }
                else if (e.key === "ArrowLeft" || e.key === "PageUp") { show(i - 1); e.preventDefault(); }
                else if (e.key === "Home") show(0);
                else if (e.key === "End") show(slides.length - 1);
                else if (e.key === "p") openPresenter();
              }
              var start = 0;
              for (var k = 0; k < slides.length; k++) if ("#" + slides[k].id === location.hash) start = k;
              fit();
              window.addEventListener("resize", fit);
              show(start);
              document.addEventListener("keydown", key);
            })();
            </script>
            </body>
            </html>

            """
    }
}
