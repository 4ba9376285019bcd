import CCmarkGFM
import Foundation

/// GitHub-flavoured Markdown (tables, autolinks, strikethrough) to HTML through cmark-gfm.
///
/// Raw HTML in the input is never passed through: every HTML node is turned back into literal text before
/// rendering, so `<script>` shows as written, and cmark's safe mode drops `javascript:` and similar links.
public enum MarkdownRenderer {
    /// Renders a Markdown document to an HTML fragment.
    public static func html(_ markdown: String) -> String {
        cmark_gfm_core_extensions_ensure_registered()
        guard let parser = cmark_parser_new(CMARK_OPT_DEFAULT) else { return Markup.escape(markdown) }
        defer { cmark_parser_free(parser) }
        for name in ["table", "autolink", "strikethrough"] {
            if let ext = cmark_find_syntax_extension(name) { cmark_parser_attach_syntax_extension(parser, ext) }
        }
        markdown.withCString { cmark_parser_feed(parser, $0, strlen($0)) }
        guard let document = cmark_parser_finish(parser) else { return Markup.escape(markdown) }
        defer { cmark_node_free(document) }
        neutralizeRawHTML(in: document)
        guard let raw = cmark_render_html(document, CMARK_OPT_DEFAULT, cmark_parser_get_syntax_extensions(parser))
        else { return Markup.escape(markdown) }
        defer { free(raw) }
        return String(cString: raw)
    }

    /// Renders a Markdown document as plain text for a plain editor or a forum box: no escapes, no markup; a
    /// link becomes `label (URL)`; tables keep their cells, separated by `|`.
    public static func plainText(_ markdown: String) -> String {
        cmark_gfm_core_extensions_ensure_registered()
        guard let parser = cmark_parser_new(CMARK_OPT_DEFAULT) else { return markdown }
        defer { cmark_parser_free(parser) }
        for name in ["table", "autolink", "strikethrough"] {
            if let ext = cmark_find_syntax_extension(name) { cmark_parser_attach_syntax_extension(parser, ext) }
        }
        markdown.withCString { cmark_parser_feed(parser, $0, strlen($0)) }
        guard let document = cmark_parser_finish(parser) else { return markdown }
        defer { cmark_node_free(document) }
        // Links: the label stays, the destination follows it in parentheses (a plain editor cannot hide it).
        var links: [OpaquePointer] = []
        if let iterator = cmark_iter_new(document) {
            while true {
                let event = cmark_iter_next(iterator)
                if event == CMARK_EVENT_DONE { break }
                if event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator), cmark_node_get_type(node) == CMARK_NODE_LINK {
                    links.append(node)
                }
            }
            cmark_iter_free(iterator)
        }
        for link in links {
            let url = cmark_node_get_url(link).map { String(cString: $0) } ?? ""
            guard !url.isEmpty, let text = cmark_node_new(CMARK_NODE_TEXT) else { continue }
            _ = " (\(url))".withCString { cmark_node_set_literal(text, $0) }
            _ = cmark_node_insert_after(link, text)
        }
        guard let raw = cmark_render_plaintext(document, CMARK_OPT_DEFAULT, 0) else { return markdown }
        defer { free(raw) }
        return String(cString: raw)
    }

    /// Renders one paragraph of Markdown without the surrounding `<p>` (for table cells and captions).
    public static func inline(_ markdown: String) -> String {
        var html = self.html(markdown.replacingOccurrences(of: "\n", with: " "))
        if html.hasPrefix("<p>") && html.hasSuffix("</p>\n") {
            html = String(html.dropFirst(3).dropLast(5))
        }
        return html.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Replaces HTML blocks and inline HTML with text nodes holding the same characters.
    private static func neutralizeRawHTML(in document: OpaquePointer) {
        var found: [OpaquePointer] = []
        guard let iterator = cmark_iter_new(document) else { return }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_HTML_BLOCK || type == CMARK_NODE_HTML_INLINE { found.append(node) }
        }
        cmark_iter_free(iterator)
        for node in found {
            let literal = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
            let isBlock = cmark_node_get_type(node) == CMARK_NODE_HTML_BLOCK
            guard let text = cmark_node_new(CMARK_NODE_TEXT) else { continue }
            let trimmed = isBlock ? literal.trimmingCharacters(in: .newlines) : literal
            _ = trimmed.withCString { cmark_node_set_literal(text, $0) }
            if isBlock, let paragraph = cmark_node_new(CMARK_NODE_PARAGRAPH) {
                _ = cmark_node_append_child(paragraph, text)
                _ = cmark_node_replace(node, paragraph)
            } else {
                _ = cmark_node_replace(node, text)
            }
            cmark_node_free(node)
        }
    }
}
