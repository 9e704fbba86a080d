/// The QA report page of a built site (`qa/index.html`, with `diglot build --qa-report`): the count of
/// each finding, per docset and page, and every finding linking to its sentence in the side-by-side view.
enum QAReport {
    static let path = "qa/index.html"

    static func render(_ findings: [Diagnostic], pages: [Page], layout: SiteLayout, titles: [String: (target: String, source: String)],
                       templates: TemplateSet) -> OutputFile? {
        guard templates.has("qa") else { return nil }
        let strings = templates.strings(for: layout.targetLocale)
        var byPage: [String: [Diagnostic]] = [:]
        for finding in findings { byPage[finding.file, default: []].append(finding) }
        let known = Set(pages.map(\.path))
        var totals: [DiagnosticCode: Int] = [:]
        for finding in findings { totals[finding.code, default: 0] += 1 }

        func pageRow(_ path: String) -> [String: Any] {
            let list = byPage[path] ?? []
            var counts: [DiagnosticCode: Int] = [:]
            for finding in list { counts[finding.code, default: 0] += 1 }
            let sxs = known.contains(path) ? "../" + layout.path(of: path, in: .sideBySide) : nil
            return [
                "title": titles[path]?.target ?? path,
                "path": path,
                "href": sxs ?? "",
                "total": strings.number(list.count),
                "counts": counts.sorted { $0.key.rawValue < $1.key.rawValue }.map { ["code": $0.key.rawValue, "name": $0.key.name, "count": strings.number($0.value)] },
                "findings": list.map { finding -> [String: Any] in
                    var link = sxs ?? ""
                    if let unit = finding.unit, !link.isEmpty { link += "#tu-" + unit }
                    return ["code": finding.code.rawValue, "name": finding.code.name, "severity": finding.severity.rawValue,
                            "line": finding.location.line, "column": finding.location.column, "message": finding.message, "href": link]
                },
            ]
        }
        // Docsets in their order, each with its pages that have findings; files of no docset last.
        let docsets: [[String: Any]] = layout.groupedByDocset(byPage.keys.sorted(), path: { $0 }).map { group in
            ["name": group.name.isEmpty ? (strings["otherPages"] ?? "Other pages") : group.name,
             "total": strings.number(group.items.reduce(0) { $0 + (byPage[$1]?.count ?? 0) }),
             "pages": group.items.map(pageRow)]
        }
        let context: [String: Any] = [
            "lang": layout.targetLocale,
            "dir": LanguageTag.isRightToLeft(layout.targetLocale) ? "rtl" : false,
            "strings": strings.templateValues,
            "total": strings.number(findings.count),
            "codes": totals.sorted { $0.key.rawValue < $1.key.rawValue }.map { ["code": $0.key.rawValue, "name": $0.key.name, "summary": $0.key.summary, "count": strings.number($0.value)] },
            "docsets": docsets,
        ]
        return OutputFile(path: path, text: templates.render(context, template: "qa") ?? "")
    }
}
