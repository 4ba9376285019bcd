import Foundation
#if canImport(FoundationXML)
    import FoundationXML
#endif
import XCTest

/// Checks rendered pages with Python's HTML parser (a real tokenizer, no network, no extra packages):
/// balanced and well-nested elements, unique ids, every local link and fragment resolving across the site,
/// no scripts (but the what-if page's inline ones, which load nothing), no event handlers, nothing loaded from
/// outside.
enum HTMLCheck {
    static let script = #"""
import sys, os, re
from html.parser import HTMLParser
VOID = {"area","base","br","col","embed","hr","img","input","link","meta","source","track","wbr"}
class Page(HTMLParser):
    def __init__(self, name):
        super().__init__(convert_charrefs=True)
        self.name, self.stack, self.ids, self.links, self.errors, self.doctype = name, [], set(), [], [], False
    def handle_decl(self, decl):
        if decl.lower() == "doctype html": self.doctype = True
    def err(self, text): self.errors.append(f"{self.name}:{self.getpos()[0]}: {text}")
    def handle_starttag(self, tag, attrs):
        self.check(tag, attrs)
        if tag not in VOID: self.stack.append(tag)
    def handle_startendtag(self, tag, attrs):
        self.check(tag, attrs)
        if tag not in VOID and tag not in ("path","rect","line","circle","polyline"): self.err(f"self-closed <{tag}/>")
    def check(self, tag, attrs):
        inline = tag == "script" and self.name == "whatif.html" and not any(k == "src" for k, _ in attrs)
        if tag in ("script","iframe","object","embed","link") and not inline: self.err(f"<{tag}> not allowed")
        for k, v in attrs:
            if k.startswith("on"): self.err(f"event handler {k} on <{tag}>")
            if k == "id":
                if v in self.ids: self.err(f"duplicate id {v}")
                self.ids.add(v)
            if k in ("href","src") and v is not None:
                if v.lower().startswith("javascript:") or v.lower().startswith("data:"): self.err(f"unsafe {k}={v}")
                if k == "src" and re.match(r"^[a-z]+://", v): self.err(f"external resource {v}")
                if not re.match(r"^[a-z]+:", v): self.links.append(v)
    def handle_endtag(self, tag):
        if tag in VOID: self.err(f"end tag for void <{tag}>"); return
        if not self.stack or self.stack[-1] != tag:
            self.err(f"</{tag}> does not close <{self.stack[-1] if self.stack else 'nothing'}>")
            if tag in self.stack:
                while self.stack and self.stack[-1] != tag: self.stack.pop()
                self.stack.pop()
        else: self.stack.pop()
folder = sys.argv[1]
pages, errors = {}, []
for name in sorted(os.listdir(folder)):
    if not name.endswith(".html"): continue
    p = Page(name)
    p.feed(open(os.path.join(folder, name), encoding="utf-8").read()); p.close()
    if not p.doctype: p.err("no <!DOCTYPE html>")
    if p.stack: p.err(f"unclosed {p.stack}")
    pages[name] = p
    errors += p.errors
for name, p in pages.items():
    for link in p.links:
        target, _, fragment = link.partition("#")
        target = target or name
        path = os.path.join(folder, target)
        if not os.path.exists(path): errors.append(f"{name}: link to missing {target}"); continue
        if fragment and target in pages and fragment not in pages[target].ids:
            errors.append(f"{name}: link to missing #{fragment} in {target}")
print("\n".join(errors))
sys.exit(1 if errors else 0)
"""#

    /// Every problem in the site folder's pages, one per line; empty when clean.
    static func problems(inSite folder: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, folder]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return process.terminationStatus == 0 ? "" : (text.isEmpty ? "python3 failed" : text)
    }
}

/// Parses SVG with Foundation's XML parser and collects what the accessibility and layout checks need.
final class SVGCheck: NSObject, XMLParserDelegate {
    var root: String?
    var attributes: [String: String] = [:]
    var elements: [String] = []
    var texts: [String] = []
    private var current = ""
    private var inText = false

    /// Parses `svg`; nil when it is not well-formed XML, with the parser's error in `error`.
    static func parse(_ svg: String) -> (SVGCheck?, String?) {
        let check = SVGCheck()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = check
        guard parser.parse() else { return (nil, parser.parserError.map { "\($0)" } ?? "unknown error") }
        return (check, nil)
    }

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        if root == nil {
            root = name
            self.attributes = attributes
        }
        elements.append(name)
        if name == "text" || name == "title" || name == "desc" {
            inText = true
            current = ""
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { current += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "text" || name == "title" || name == "desc" {
            texts.append(current)
            inText = false
        }
    }
}
