import Foundation
import TestSupport
import XCTest

@testable import BakeoffReports

/// The template engine on the Mustache rules the site, deck and posts rely on, each checked by hand.
final class TemplateTests: XCTestCase {
    private struct Tool: Encodable {
        var name: String
        var note: String?
        var winner: Bool
        var steps: [Int]
    }

    private struct Page: Encodable {
        var title: String
        var tools: [Tool]
        var empty: [String]
        var note: String
        var count: Int
        var share: Double
        var lookup: [String: String]
    }

    private static let page = Page(
        title: "Tracking <&> \"x\" 'y'",
        tools: [Tool(name: "MLflow", note: nil, winner: true, steps: [1, 2]), Tool(name: "Aim", note: "n", winner: false, steps: [])],
        empty: [], note: "page note", count: 3, share: 0.5, lookup: ["k": "v"])

    private func render(_ source: String, partials: [String: String] = [:], _ view: any Encodable = page) throws -> String {
        var sources = partials
        sources["main"] = source
        return try TemplateSet(sources: sources, overridden: Array(sources.keys)).render("main", view)
    }

    func testVariablesAreEscapedUnlessTripleOrAmpersand() throws {
        XCTAssertEqual(try render("{{title}}|{{{title}}}|{{& title}}"),
                       "Tracking &lt;&amp;&gt; &quot;x&quot; &#39;y&#39;|Tracking <&> \"x\" 'y'|Tracking <&> \"x\" 'y'")
        XCTAssertEqual(try render("{{count}} {{share}} {{missing}}."), "3 0.5 .")
        XCTAssertEqual(try render("{{%CONTENT_TYPE:TEXT}}{{title}}"), "Tracking <&> \"x\" 'y'")
    }

    func testSectionsListsFlagsAndInverted() throws {
        XCTAssertEqual(try render("{{#tools}}[{{name}}{{#winner}}*{{/winner}}]{{/tools}}"), "[MLflow*][Aim]")
        XCTAssertEqual(try render("{{#tools}}{{#steps}}{{.}}{{/steps}}{{^steps}}none{{/steps}};{{/tools}}"), "12;none;")
        XCTAssertEqual(try render("{{^empty}}no items{{/empty}}{{#empty}}x{{/empty}}"), "no items")
        XCTAssertEqual(try render("{{^missing}}absent{{/missing}}{{^count}}x{{/count}}"), "absent")
        XCTAssertEqual(try render("{{#lookup}}{{k}}{{/lookup}} {{lookup.k}}"), "v v")
    }

    func testAMissingNameClimbsTheStackButADottedOneDoesNotClimbAgain() throws {
        // Aim has a note of its own; MLflow's is nil, so {{note}} climbs to the page's.
        XCTAssertEqual(try render("{{#tools}}{{note}},{{/tools}}"), "page note,n,")
        XCTAssertEqual(try render("{{#tools}}{{.note}},{{/tools}}"), ",n,")
        XCTAssertEqual(try render("{{#tools}}{{lookup.missing}}{{lookup.k}}{{/tools}}"), "vv")
    }

    func testStandaloneTagLinesLeaveNoTrace() throws {
        let source = "<ul>\n  {{#tools}}\n  <li>{{name}}</li>\n  {{/tools}}\n  {{! a comment }}\n</ul>\n"
        XCTAssertEqual(try render(source), "<ul>\n  <li>MLflow</li>\n  <li>Aim</li>\n</ul>\n")
        // Not standalone: text beside the tag keeps the line.
        XCTAssertEqual(try render("a {{#winner}}x{{/winner}} b\n", Tool(name: "t", winner: true, steps: [])), "a x b\n")
        XCTAssertEqual(try render("x\r\n{{#count}}\r\ny\r\n{{/count}}\r\n"), "x\r\ny\r\n")
    }

    func testPartialsAndTheirIndentation() throws {
        XCTAssertEqual(try render("{{>head}}body", partials: ["head": "<h1>{{title}}</h1>\n"]),
                       "<h1>Tracking &lt;&amp;&gt; &quot;x&quot; &#39;y&#39;</h1>\nbody")
        XCTAssertEqual(try render("<div>\n  {{>list}}\n</div>\n", partials: ["list": "a\nb\n"]), "<div>\n  a\n  b\n</div>\n")
    }

    func testBrokenTemplatesAreRefusedWithLineAndColumn() {
        func message(_ source: String, partials: [String: String] = [:]) -> String {
            do { _ = try render(source, partials: partials); return "" } catch { return "\(error)" }
        }
        XCTAssertTrue(message("ok\n  {{#tools}}x").contains("main.mustache:2:3: the section {{#tools}} is never closed"), message("ok\n  {{#tools}}x"))
        XCTAssertTrue(message("{{#a}}{{/b}}").contains(":1:7: {{/b}} closes a section opened as {{#a}}"), message("{{#a}}{{/b}}"))
        XCTAssertTrue(message("{{na me}}").contains(":1:1: the tag {{na … holds 'm'"), message("{{na me}}"))
        XCTAssertTrue(message("{{{title}}").contains("needs a third }"), message("{{{title}}"))
        XCTAssertTrue(message("{{=<% %>=}}").contains("not supported"), message("{{=<% %>=}}"))
        XCTAssertTrue(message("{{>nothere}}").contains("there is no template nothere"), message("{{>nothere}}"))
        XCTAssertTrue(message("{{>a}}", partials: ["a": "{{>b}}", "b": "{{>a}}"]).contains("includes itself"))
        XCTAssertTrue(message("x {{title").contains("1:3"), message("x {{title"))
    }
}
