/// A fenced or indented code block (CommonMark §4.4–4.5): `<pre><code class="lang-…">`, with the
/// lines a DocFX code reference highlights (`highlight="2,4-6"`) marked. Written for `HTMLRenderer`.
enum CodeBlockHTML {
    static func codeBlock(_ code: Block.CodeBlock, into renderer: inout HTMLRenderer) {
        renderer.out.raw("<pre><code")
        let language = code.info.split(separator: " ").first.map(String.init) ?? ""
        if !language.isEmpty { renderer.out.raw(" class=\"lang-"); renderer.out.text(language); renderer.out.raw("\"") }
        renderer.foreignLang(forCode: code.code)
        if code.highlight.isEmpty {
            renderer.out.raw(">")
            renderer.out.text(code.code)
        } else {
            // Highlighted lines are marks (read without script and in print); `data-highlight`
            // names them for the page's script, which marks them again after colouring the code.
            renderer.out.raw(" data-highlight=\""); renderer.out.raw(lineList(code.highlight)); renderer.out.raw("\">")
            writeMarkingLines(code.code, code.highlight, into: &renderer.out)
        }
        renderer.out.raw("</code></pre>\n")
    }

    /// Code with each line named in `marked` (1-based, ascending) in a `<mark class="line">`, its line end in it.
    static func writeMarkingLines(_ code: String, _ marked: [Int], into out: inout HTMLWriter) {
        var next = marked.startIndex
        var number = 1
        for line in code.split(separator: "\n", omittingEmptySubsequences: false).dropLast(code.hasSuffix("\n") ? 1 : 0) {
            let mark = next < marked.endIndex && marked[next] == number
            if mark { out.raw("<mark class=\"line\">"); next += 1 }
            out.text(String(line)); out.raw("\n")
            if mark { out.raw("</mark>") }
            number += 1
        }
    }

    /// `2,4-6`: line numbers as ranges.
    static func lineList(_ lines: [Int]) -> String {
        var parts: [String] = []
        var index = lines.startIndex
        while index < lines.endIndex {
            var end = index
            while end + 1 < lines.endIndex, lines[end + 1] == lines[end] + 1 { end += 1 }
            parts.append(end == index ? "\(lines[index])" : "\(lines[index])-\(lines[end])")
            index = end + 1
        }
        return parts.joined(separator: ",")
    }
}
