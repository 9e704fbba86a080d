import Foundation

/// DocFX includes: `[!INCLUDE[title](path.md)]` (or `[!INCLUDE [title](path.md)]`) alone in a paragraph puts the file's blocks there;
/// inside a sentence it puts the file's text there. Paths are relative to the page; an include may
/// include others. A missing file, a cycle, or a path that leaves the docset is reported.
struct Includes: Sendable {
    /// Markdown files of the content that are not pages (includes live there), parsed on demand.
    let files: [String: [UInt8]]

    /// `page` with its includes expanded; `docset` is the docset's folder (`""` for the top).
    func expand(_ page: Page, docset: String) -> (Page, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var expanded = page
        expanded.blocks = expandBlocks(page.blocks, file: page.path, docset: docset, stack: [page.path.lowercased()], diagnostics: &diagnostics)
        return (expanded, diagnostics)
    }

    private func expandBlocks(_ blocks: [Block], file: String, docset: String, stack: [String], diagnostics: inout [Diagnostic]) -> [Block] {
        var result: [Block] = []
        for var block in blocks {
            switch block.kind {
            case .paragraph(let content):
                if let (path, range) = Includes.blockInclude(content) {
                    result += included(path, at: range, from: file, docset: docset, stack: stack, diagnostics: &diagnostics)?.blocks ?? []
                    continue
                }
                block.kind = .paragraph(expandInlines(content, file: file, docset: docset, stack: stack, diagnostics: &diagnostics))
            case .list(var list):
                for i in list.items.indices { list.items[i].blocks = expandBlocks(list.items[i].blocks, file: file, docset: docset, stack: stack, diagnostics: &diagnostics) }
                block.kind = .list(list)
            case .alert(var alert):
                alert.blocks = expandBlocks(alert.blocks, file: file, docset: docset, stack: stack, diagnostics: &diagnostics)
                block.kind = .alert(alert)
            case .blockquote(let inner):
                block.kind = .blockquote(expandBlocks(inner, file: file, docset: docset, stack: stack, diagnostics: &diagnostics))
            case .section(var section):
                section.blocks = expandBlocks(section.blocks, file: file, docset: docset, stack: stack, diagnostics: &diagnostics)
                block.kind = .section(section)
            default:
                break
            }
            result.append(block)
        }
        return result
    }

    private func expandInlines(_ inlines: [Inline], file: String, docset: String, stack: [String], diagnostics: inout [Diagnostic]) -> [Inline] {
        guard inlines.count >= 3 else { return inlines }
        var result: [Inline] = []
        var i = 0
        while i < inlines.count {
            if i + 2 < inlines.count, let (path, range, before, after) = Includes.inlineInclude(inlines[i], inlines[i + 1], inlines[i + 2]) {
                if !before.isEmpty { result.append(Inline(.text(before), range: inlines[i].range)) }
                if let page = included(path, at: range, from: file, docset: docset, stack: stack, diagnostics: &diagnostics) {
                    result += page.blocks.first.map(\.inlines) ?? []
                }
                if !after.isEmpty { result.append(Inline(.text(after), range: inlines[i + 2].range)) }
                i += 3
                continue
            }
            result.append(inlines[i])
            i += 1
        }
        return result
    }

    private func included(_ destination: String, at range: SourceRange, from file: String, docset: String, stack: [String],
                          diagnostics: inout [Diagnostic]) -> Page? {
        func report(_ code: DiagnosticCode, _ message: String) {
            diagnostics.append(Diagnostic(file: stack.count > 1 ? file : file, location: range.start, code: code, stage: .resolve, message: message))
        }
        var segments = file.split(separator: "/").dropLast().map(String.init)
        for part in destination.replacingOccurrences(of: "\\", with: "/").split(separator: "/") {
            if part == "." { continue }
            if part == ".." {
                guard !segments.isEmpty else { report(.includeOutsideDocset, "the include \(destination) leaves the content folder"); return nil }
                segments.removeLast()
            } else {
                segments.append(String(part))
            }
        }
        let path = segments.joined(separator: "/")
        if !docset.isEmpty, Docset.strip(docset, from: path) == nil {
            report(.includeOutsideDocset, "the include \(destination) leaves the docset \(docset)/")
            return nil
        }
        if stack.contains(path.lowercased()) {
            report(.includeCycle, "the include \(destination) includes itself: \((stack + [path.lowercased()]).joined(separator: " → "))")
            return nil
        }
        guard let bytes = files[path] ?? files.first(where: { $0.key.lowercased() == path.lowercased() })?.value else {
            report(.includeMissing, "the included file \(path) does not exist")
            return nil
        }
        let parsed = PageParser.parse(SourceFile(path: path, bytes: bytes))
        diagnostics += parsed.diagnostics
        var page = parsed.page
        page.blocks = expandBlocks(page.blocks, file: path, docset: docset, stack: stack + [path.lowercased()], diagnostics: &diagnostics)
        return page
    }

    /// Whether a page's text holds `[!include` in any letter case (most pages do not: they are left as they are).
    static func mayInclude(_ bytes: [UInt8]) -> Bool {
        // memchr finds each `[!` candidate (SIMD in libc); only those are compared, in any letter case.
        let needle = Array("include".utf8)
        return bytes.withUnsafeBufferPointer { buffer -> Bool in
            guard let base = buffer.baseAddress, buffer.count >= 9 else { return false }
            var at = 0
            while at + 9 <= buffer.count, let found = memchr(base + at, Int32(UInt8(ascii: "[")), buffer.count - at - 8) {
                let i = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                if base[i + 1] == UInt8(ascii: "!") {
                    var j = 0
                    while j < needle.count, base[i + 2 + j] | 0x20 == needle[j] { j += 1 }
                    if j == needle.count { return true }
                }
                at = i + 1
            }
            return false
        }
    }


    /// `[!INCLUDE[title](path)]` as a whole paragraph.
    static func blockInclude(_ content: [Inline]) -> (String, SourceRange)? {
        guard content.count == 3, let (path, range, before, after) = inlineInclude(content[0], content[1], content[2]),
              before.allSatisfy(\.isWhitespace), after.allSatisfy(\.isWhitespace) else { return nil }
        return (path, range)
    }

    /// Text ending in `[!INCLUDE`, a link, text starting with `]`: the path, where, and the text around it.
    static func inlineInclude(_ a: Inline, _ b: Inline, _ c: Inline) -> (String, SourceRange, String, String)? {
        guard case .text(let lead) = a.kind, case .link(let link) = b.kind, case .text(let tail) = c.kind, tail.hasPrefix("]") else { return nil }
        // `[!INCLUDE[title](path)]`, or `[!INCLUDE [title](path)]` as most Microsoft pages write it.
        let marker = "[!INCLUDE"
        var head = Substring(lead)
        while head.last == " " { head = head.dropLast() }
        guard head.count >= marker.count, head.suffix(marker.count).uppercased() == marker else { return nil }
        return (link.destination, a.range, String(head.dropLast(marker.count)), String(tail.dropFirst()))
    }
}
