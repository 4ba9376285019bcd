import CCmarkGFM
import Foundation

/// cmark-gfm used directly, as an independent check of the Markdown the deliverables emit.
enum GFM {
    /// Renders GFM (tables, autolinks) to HTML in safe mode: raw HTML becomes a `raw HTML omitted` comment.
    static func html(_ markdown: String) -> String {
        cmark_gfm_core_extensions_ensure_registered()
        let parser = cmark_parser_new(CMARK_OPT_DEFAULT)!
        defer { cmark_parser_free(parser) }
        for name in ["table", "autolink", "strikethrough"] {
            if let ext = cmark_find_syntax_extension(name) { cmark_parser_attach_syntax_extension(parser, ext) }
        }
        markdown.withCString { cmark_parser_feed(parser, $0, strlen($0)) }
        let doc = cmark_parser_finish(parser)!
        defer { cmark_node_free(doc) }
        let raw = cmark_render_html(doc, CMARK_OPT_DEFAULT, cmark_parser_get_syntax_extensions(parser))!
        defer { free(raw) }
        return String(cString: raw)
    }
}
