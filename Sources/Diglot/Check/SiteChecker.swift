/// The check stage: what `diglot check` adds to the findings of load, parse and resolve, without
/// rendering anything. The translation QA of every unit (with `diglot.yml`'s settings, DG7xx) and the
/// raw HTML outside units that is kept as the author wrote it but would run script or load from an
/// unsafe address (DG801–DG803: reported here only; units and links were made safe when parsed).
enum SiteChecker {
    static func check(_ resolved: ResolvedSite, qa config: QAConfig) -> [Diagnostic] {
        let layout = resolved.layout
        let qa = TranslationQA(config: config)
        // Page by page, on all cores; each page's model is dropped once checked.
        let checked = ConcurrentMap.map(resolved.pages) { skeleton -> (TranslationQA.PageFindings, [Diagnostic]) in
            let page = resolved.source.model(of: skeleton.path)
            return (qa.findings(in: page, docset: layout.docset(of: page.path)?.source ?? ""), ActiveContent.report(page))
        }
        return qa.report(checked.map(\.0)) + checked.flatMap(\.1)
    }
}
