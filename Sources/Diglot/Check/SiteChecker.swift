/// The check stage: what `diglot check` adds to the findings of load, parse and resolve, without
/// rendering anything. The translation QA of every unit (with `diglot.yml`'s settings, DG7xx) and the
/// raw HTML outside units that is kept as the author wrote it but would run script or load from an
/// unsafe address (DG801–DG803: reported here only; units and links were made safe when parsed), and
/// interface strings that fall back to another language (DG306); with the current English
/// (`BuildOptions.currentEnglish`), stale sentences and untranslated pages (DG710, DG711).
enum SiteChecker {
    static func check(_ resolved: ResolvedSite, qa config: QAConfig, templates: TemplateSet) -> [Diagnostic] {
        let layout = resolved.layout
        let qa = TranslationQA(config: config, targetLocale: layout.targetLocale, sourceLocale: layout.sourceLocale)
        // Page by page, on all cores; each page's model is dropped once checked.
        let current = resolved.currentEnglish
        let checked = ConcurrentMap.map(resolved.pages) { skeleton -> (TranslationQA.PageFindings, [Diagnostic], StaleTranslations.PageResult?) in
            let page = resolved.source.model(of: skeleton.path)
            return (qa.findings(in: page, docset: layout.docset(of: page.path)?.source ?? ""), ActiveContent.report(page),
                    current.flatMap { StaleTranslations.compare(page, with: $0) })
        }
        // The interface strings the site would be rendered with (DG306), as the render stage reports them.
        let strings = templates.strings.missingKeys(for: [layout.targetLocale, layout.sourceLocale])
        let stale = current.map { StaleTranslations.report(pages: resolved.pages.map(\.path), results: checked.compactMap(\.2), current: $0) }
            .map(StaleTranslations.diagnostics)?.compactMap(config.apply) ?? []
        return qa.report(checked.map(\.0)) + checked.flatMap(\.1) + strings + stale
    }
}
