import Diglot
import Foundation
import XCTest

/// The entry points `make fuzz` drives (see Sources/diglot-fuzz): each kind runs on a real input, an
/// empty one and bytes that are not its format, so that the fuzz target keeps building and working.
final class FuzzEntryTests: XCTestCase {
    func testEveryKindRunsOnRealEmptyAndBrokenInput() throws {
        let setup = try FuzzEntry.Setup(templates: Paths.templates, samplePage: Paths.content.appendingPathComponent("request-a-relationship-with-a-customer.md"))
        let real: [FuzzEntry.Kind: String] = [
            .page: "# <span data-ttu-id=\"1\">Hola</span><span class=\"sxs-lookup\"><span data-stu-id=\"1\">Hello</span></span>\n\n[!INCLUDE[a](includes/a.md)]\n",
            .yamlPage: "### YamlMime:FAQ\ntitle: Preguntas\nsections:\n  - name: Uno\n    questions:\n      - question: ¿Qué?\n        answer: Esto.\n",
            .toc: "- name: A\n  href: a.md\n- name: Sub\n  href: sub/\n",
            .docfx: #"{"build": {"content": [{"files": ["**/*.md"]}], "resource": [{"files": ["media/**"]}]}}"#,
            .publishConfig: #"{"docsets_to_publish": [{"docset_name": "d", "build_source_folder": "docs", "build_output_subfolder": "d"}]}"#,
            .redirection: #"{"redirections": [{"source_path": "old.md", "redirect_url": "/a"}, {"source_path": "x.md", "redirect_url": "javascript:1"}]}"#,
            .invitations: try String(contentsOf: Paths.content.appendingPathComponent("invitations.yml"), encoding: .utf8),
            .qaConfig: "qa:\n  doNotTranslate: [Partner Center]\n  severity: {DG708: off}\n",
            .template: "<!DOCTYPE html><title>{{title}}</title>{{#strings}}{{title}}{{/strings}}{{{content}}}",
        ]
        for kind in FuzzEntry.Kind.allCases {
            let input = try XCTUnwrap(real[kind], kind.rawValue)
            FuzzEntry.run(kind, Array(input.utf8), setup: setup)
            FuzzEntry.run(kind, [], setup: setup)
            FuzzEntry.run(kind, [0xFF, 0xFE, 0x00, 0x7B, 0x5B, 0x2D, 0x3A], setup: setup)
        }
        // The sample page makes drafts: the invitations kind reaches the draft code, not only the YAML reader.
        XCTAssertGreaterThan(FuzzEntry.run(.invitations, Array(real[.invitations]!.utf8), setup: setup), 1)
    }
}

/// What `make fuzz` found, kept as tests.
final class FuzzFindingTests: XCTestCase {
    /// docfx kind: a glob of many stars took exponential time (a 120-star glob in a docfx.json held the
    /// build for good). Twenty stars against an eight-letter name took seconds; now it is linear.
    func testGlobWithManyStarsIsFast() {
        let start = Date()
        XCTAssertFalse(Glob(String(repeating: "*", count: 20) + "x").matches("abcdefgh"))
        XCTAssertFalse(Glob(Array(repeating: "**", count: 14).joined(separator: "/") + "/x").matches("a/b/c/d/e/f/g/h"))
        // Braces: `{a,b}` 24 times was 16 million alternatives (a hostile review found it); the first
        // 1,024 are kept, and more than 64 groups are read as written.
        XCTAssertTrue(Glob(String(repeating: "{a,b}", count: 24) + ".md").matches(String(repeating: "a", count: 24) + ".md"))
        XCTAssertFalse(Glob(String(repeating: "{a}", count: 5_000)).matches("a"))
        XCTAssertLessThan(Date().timeIntervalSince(start), 0.5)
        // What stars mean does not change.
        XCTAssertTrue(Glob("*a*b*").matches("xxaxxbxx"))
        XCTAssertFalse(Glob("*a*b").matches("xxaxxbxx"))
        XCTAssertTrue(Glob("**/a/**/b.md").matches("x/a/y/z/b.md"))
        XCTAssertTrue(Glob("a/**").matches("a"))
        XCTAssertFalse(Glob("a/*/b").matches("a/b"))
        XCTAssertTrue(Glob("?b*").matches("ab"))
    }
}
