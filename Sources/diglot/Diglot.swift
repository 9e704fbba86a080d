import ArgumentParser
import Diglot
import DiglotDefaults
import Foundation

@main
struct DiglotCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diglot",
        abstract: "Build bilingual help sites from machine-translated DocFX documentation.",
        version: ToolInfo.version,
        subcommands: [Build.self, Check.self, Serve.self, Inspect.self, Mail.self, Init.self, TemplatesCommand.self, Merge.self],
        defaultSubcommand: Build.self
    )
}

/// Options every command that reads a content folder shares.
struct ContentOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The folder of markdown pages.", valueName: "dir"))
    var content: String = "Content"

    func contentURL() -> URL { URL(fileURLWithPath: content) }

    /// The content folder as a path from the working directory (`docs/es-es`), for tools that name
    /// files from the repository's top; empty when it is the working directory or outside it.
    func pathFromWorkingDirectory() -> String {
        let base = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL.path
        let folder = contentURL().standardizedFileURL.path
        guard folder.hasPrefix(base + "/") else { return "" }
        return String(folder.dropFirst(base.count + 1))
    }

    func validate() throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: content, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("The content folder '\(content)' does not exist or is not a folder.")
        }
    }
}

/// `--templates`: a folder whose files win over the content's `Templates/` and the built-in
/// defaults, one file at a time (`TemplateSources.lookup`).
struct TemplatesOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Templates (*.mustache, strings/, email/, assets/) that win, file by file, over <content>/Templates and the built-in ones.", valueName: "dir"))
    var templates: String?

    /// Where the templates come from for this content folder.
    func sources(content: URL) -> TemplateSources {
        TemplateSources.lookup(templates: templates.map { URL(fileURLWithPath: $0) }, content: content, defaults: .builtin)
    }

    func validate() throws {
        var isDirectory: ObjCBool = false
        if let templates, !(FileManager.default.fileExists(atPath: templates, isDirectory: &isDirectory) && isDirectory.boolValue) {
            throw ValidationError("The templates folder '\(templates)' does not exist or is not a folder.")
        }
    }
}

extension TemplateFiles {
    /// The templates compiled into `diglot` from the package's `Templates/`.
    static let builtin = TemplateFiles(BuiltinTemplates.files, name: "the built-in templates")
}

/// Options of the commands that make a site (or check what it would be): templates and locale.
struct SiteOptions: ParsableArguments {
    @OptionGroup var templatesOptions: TemplatesOptions

    @Option(name: .long, help: ArgumentHelp("The translation's locale, e.g. es-ES (default: the ms.contentlocale most pages declare).", valueName: "locale"))
    var locale: String?

    func validate() throws {
        if let locale, !Build.isLocale(locale) {
            throw ValidationError("'\(locale)' is not a locale such as es-ES or ja-JP.")
        }
    }

    func buildOptions(_ content: ContentOptions, output: URL, strict: Bool = false, baseURL: String? = nil, qaReport: Bool = false) -> BuildOptions {
        BuildOptions(content: content.contentURL(), output: output, templateSources: templatesOptions.sources(content: content.contentURL()),
                     targetLocale: locale, strict: strict, baseURL: baseURL, qaReport: qaReport)
    }
}

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build every page in three views: translation with source on hover, side by side, and English.",
        discussion: """
            Several languages make one site: give --content once per locale, as LOCALE=DIR \
            (--content es-ES=docs.es-es --content fr-FR=docs.fr-fr), or list them under languages: in \
            diglot.yml of the working folder (es-ES: docs.es-es), read when no --content is given. Each locale's part is built beside the output \
            (.<output>.diglot-parts/), then merged. To build the parts on several machines, build each with \
            --shard-output DIR and join them with diglot merge.
            """)

    @OptionGroup var languageContents: LanguageContents

    @Option(name: .customLong("shard-output"), help: ArgumentHelp("Build only this locale's part of a multilingual site into this folder, for diglot merge.", valueName: "dir"))
    var shardOutput: String?

    @OptionGroup var siteOptions: SiteOptions

    @Option(name: .long, help: ArgumentHelp("Where the site is written.", valueName: "dir"))
    var output: String = "Output"

    @OptionGroup var sourceOptions: SourceOptions

    @Option(name: .customLong("base-url"), help: ArgumentHelp("The site's address, e.g. https://docs.example.com/, for sitemap.xml and absolute hreflang and canonical links (default: a docfx.json's build.sitemap.baseUrl).", valueName: "url"))
    var baseURL: String?

    @Flag(name: .long, help: "Count every warning as an error (broken links and missing images included).")
    var strict = false

    @Flag(name: .customLong("qa-report"), help: "Write the translation QA report, qa/index.html (what diglot check finds in every unit).")
    var qaReport = false

    @Flag(name: .long, help: "Build from scratch: ignore the last build's cache and rewrite every file.")
    var clean = false

    @Flag(name: .long, help: "Build into an output folder that is not empty and that Diglot did not write (its files are kept, except those where the site's files go).")
    var force = false

    @Flag(name: .shortAndLong, help: "Print only diagnostics, no progress and no summary.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Also print how long each stage took.")
    var verbose = false

    var contents: [(locale: String?, folder: ContentOptions)] { languageContents.contents }

    func validate() throws {
        if quiet && verbose { throw ValidationError("--quiet and --verbose cannot go together.") }
        try Build.validate(baseURL: baseURL)
        try languageContents.validate(locale: siteOptions.locale)
        if contents.count > 1, shardOutput != nil { throw ValidationError("--shard-output builds one locale's part: give one --content.") }
        if contents.count > 1, qaReport { throw ValidationError("--qa-report is not written for a site of several languages; diglot check reports the same findings.") }
        if shardOutput != nil, contents[0].locale == nil, siteOptions.locale == nil {
            throw ValidationError("--shard-output needs the part's locale: --content LOCALE=DIR or --locale.")
        }
        if shardOutput != nil, qaReport { throw ValidationError("--qa-report is not written for a part of a multilingual site.") }
    }

    /// `--base-url` as `build` and `merge` take it.
    static func validate(baseURL: String?) throws {
        if let baseURL, !(baseURL.hasPrefix("https://") || baseURL.hasPrefix("http://")) || URL(string: baseURL) == nil {
            throw ValidationError("--base-url must be an absolute http(s) address, not '\(baseURL)'.")
        }
    }

    func run() throws {
        if contents.count > 1 { return try runMultilingual() }
        let (locale, contentOptions) = contents[0]
        var options = siteOptions.buildOptions(contentOptions, output: URL(fileURLWithPath: shardOutput ?? output), strict: strict, baseURL: baseURL, qaReport: qaReport)
        if let locale { options.targetLocale = locale }
        options.multilingual = shardOutput != nil
        options.clean = clean
        options.force = force
        let progress = Progress(live: !quiet && Progress.isInteractive)
        options.progress = { progress.report($0, $1, $2) }
        let result: BuildResult
        do {
            options.currentEnglish = try sourceOptions.currentEnglish()
            result = try SiteBuilder.build(options)
        } catch {
            progress.finish()
            throw stop(error, 2)
        }
        progress.finish()
        report(result.diagnostics)
        let errors = result.diagnostics.filter { $0.severity == .error }.count
        let warnings = result.diagnostics.count - errors
        if !quiet {
            let seconds = String(format: "%.2f s", progress.elapsed)
            if result.upToDate {
                print("Up to date: \(result.pages) pages (\(result.units) units) in \(output): \(result.fileCount) files, \(errors) errors, \(warnings) warnings. Nothing changed since the last build (\(seconds)).")
            } else {
                let stats = result.writeStats ?? OutputWriter.Stats()
                print("Built \(result.pages) pages (\(result.units) units) into \(output): \(result.fileCount) files, \(errors) errors, \(warnings) warnings. "
                      + "\(stats.written) written, \(stats.unchanged) unchanged, \(stats.removed) removed in \(seconds).")
            }
            if verbose { print(progress.stageTimes) }
            if let shardOutput {
                print("Part: \(URL(fileURLWithPath: shardOutput).standardizedFileURL.path) (join the parts with diglot merge)")
            } else {
                print("Start page: \(URL(fileURLWithPath: output).appendingPathComponent(result.startPage).standardizedFileURL.path)")
            }
        }
        if errors > 0 { throw ExitCode(1) }
    }

    /// `--content L=DIR` more than once: each locale's part, then the merge (`MultilingualBuild`).
    private func runMultilingual() throws {
        let progress = Progress(live: !quiet && Progress.isInteractive)
        let result: MultilingualResult
        do {
            let current = try sourceOptions.currentEnglish()
            let parts = contents.map { locale, folder -> BuildOptions in
                var options = siteOptions.buildOptions(folder, output: URL(fileURLWithPath: output), strict: strict, baseURL: baseURL)
                options.targetLocale = locale
                options.currentEnglish = current
                options.progress = { progress.report($0, $1, $2) }
                return options
            }
            result = try MultilingualBuild.build(parts, output: URL(fileURLWithPath: output), baseURL: baseURL, clean: clean, force: force)
        } catch {
            progress.finish()
            throw stop(error, 2)
        }
        progress.finish()
        var errors = 0
        for ((_, folder), part) in zip(contents, result.parts) {
            // Each part's findings name files of its own content folder.
            report(part.diagnostics.map { var d = $0; d.file = folder.content + "/" + d.file; return d })
            errors += part.diagnostics.filter { $0.severity == .error }.count
        }
        if !quiet {
            for ((locale, _), part) in zip(contents, result.parts) {
                print("\(locale!): \(part.pages) pages (\(part.units) units), \(part.diagnostics.filter { $0.severity == .error }.count) errors, "
                      + "\(part.diagnostics.filter { $0.severity != .error }.count) warnings\(part.upToDate ? ", up to date" : "").")
            }
            let stats = result.merge.writeStats ?? OutputWriter.Stats()
            print("Merged \(result.merge.locales.count) languages into \(output): \(result.merge.fileCount) files, \(stats.written) written, "
                  + "\(stats.unchanged) unchanged, \(stats.removed) removed in \(String(format: "%.2f s", progress.elapsed)).")
            print("Start page: \(URL(fileURLWithPath: output).appendingPathComponent("index.html").standardizedFileURL.path)")
        }
        if errors > 0 { throw ExitCode(1) }
    }

    /// A BCP 47 tag of letters, digits and hyphens: `es`, `es-ES`, `zh-Hans-CN`.
    static func isLocale(_ s: String) -> Bool {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        return !parts.isEmpty && parts.allSatisfy { !$0.isEmpty && $0.count <= 8 && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
            && parts[0].allSatisfy(\.isLetter)
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Report everything a build would, and check every translation unit, without writing a site.",
        discussion: """
            Translation QA (DG701–DG708): untranslated units, markup, links, numbers or whitespace that differ \
            between translation and source, empty sides, and English sentences translated differently. \
            diglot.yml in the content folder sets the do-not-translate terms and each check's severity. \
            With --source en-US=DIR (the current English docset): sentences translated from English that \
            has changed since (DG710) and English pages with no translation (DG711). \
            Exits 1 when any finding is an error.
            """)

    @OptionGroup var languageContents: LanguageContents
    @OptionGroup var siteOptions: SiteOptions
    @OptionGroup var sourceOptions: SourceOptions

    @Option(name: .long, help: "text, json (an array of findings), github (workflow annotations) or sarif (SARIF 2.1.0).")
    var format: DiagnosticFormat = .text

    @Flag(name: .long, help: "Count every warning as an error.")
    var strict = false

    @Flag(name: .shortAndLong, help: "Print only the findings, no summary.")
    var quiet = false

    func validate() throws {
        try languageContents.validate(locale: siteOptions.locale)
    }

    func run() throws {
        let contents = languageContents.contents
        var findings: [Diagnostic] = []
        do {
            // Several languages: each is checked, against the current English of --source, else the
            // newest English among them (as build compares them).
            var current = try sourceOptions.currentEnglish()
            if current == nil, contents.count > 1 {
                current = try StaleTranslations.currentEnglish(fromLocales: contents.map { (LanguageTag.usableLocale($0.locale!) ?? $0.locale!, $0.folder.contentURL()) })
            }
            for (locale, folder) in contents {
                var options = siteOptions.buildOptions(folder, output: URL(fileURLWithPath: "/nonexistent"), strict: strict)
                if let locale { options.targetLocale = locale }
                options.currentEnglish = current
                let found = try SiteBuilder.check(options)
                // One language's findings name files of its folder; several languages' are told apart by it.
                let prefix = contents.count > 1 ? (folder.pathFromWorkingDirectory().isEmpty ? folder.content : folder.pathFromWorkingDirectory()) : ""
                findings += prefix.isEmpty ? found : found.map { var d = $0; d.file = prefix + "/" + d.file; return d }
            }
        } catch {
            throw stop(error, 2)
        }
        let contentOptions = contents[0].folder
        FileHandle.standardOutput.write(Data(format.render(findings, pathPrefix: contents.count > 1 ? "" : contentOptions.pathFromWorkingDirectory()).utf8))
        let errors = findings.filter { $0.severity == .error }.count
        if !quiet {
            var counts: [DiagnosticCode: Int] = [:]
            for finding in findings { counts[finding.code, default: 0] += 1 }
            let byCode = counts.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue) \($0.key.name): \($0.value)" }
            FileHandle.standardError.write(Data("Checked \(contents.map(\.folder.content).joined(separator: ", ")): \(errors) errors, \(findings.count - errors) warnings\(byCode.isEmpty ? "" : " (" + byCode.joined(separator: ", ") + ")").\n".utf8))
        }
        if errors > 0 { throw ExitCode(1) }
    }
}

extension DiagnosticFormat: ExpressibleByArgument {}

struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print a page's model: metadata, segments and blocks.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json, text
    }

    @Argument(help: ArgumentHelp("The markdown page.", valueName: "page.md"))
    var page: String

    @Option(name: .long, help: "json: the whole model; text: one line per segment.")
    var format: Format = .json

    func validate() throws {
        guard FileManager.default.isReadableFile(atPath: page) else {
            throw ValidationError("Cannot read '\(page)'.")
        }
    }

    func run() throws {
        let bytes: [UInt8]
        do {
            bytes = try FileRead.bytes(atPath: page)
        } catch {
            throw stop(error, 2)
        }
        let parsed = PageParser.parse(SourceFile(path: page, bytes: bytes))
        report(parsed.diagnostics)
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            FileHandle.standardOutput.write(try encoder.encode(parsed.page))
            print()
        case .text:
            for segment in parsed.page.segments {
                print("\(segment.id)\t\(segment.target)\t\(segment.source)")
            }
        }
        if parsed.diagnostics.hasErrors { throw ExitCode(1) }
    }
}

/// Progress on standard error: on a terminal, one line rewritten in place (stage, pages done of all,
/// elapsed time); with CI=true or no terminal, nothing until the summary.
final class Progress: @unchecked Sendable {
    static var isInteractive: Bool {
        isatty(2) == 1 && ProcessInfo.processInfo.environment["CI"]?.lowercased() != "true"
    }

    private let live: Bool
    private let start = Date()
    private let lock = NSLock()
    private var lastDraw = Date.distantPast
    private var drawn = false
    private var stages: [(BuildStage, Date)] = []

    init(live: Bool) { self.live = live }

    var elapsed: Double { Date().timeIntervalSince(start) }

    func report(_ stage: BuildStage, _ done: Int, _ total: Int) {
        lock.lock()
        defer { lock.unlock() }
        if stages.last?.0 != stage { stages.append((stage, Date())) }
        guard live, Date().timeIntervalSince(lastDraw) > 0.1 || done == total else { return }
        lastDraw = Date()
        drawn = true
        let line = "\r\u{1B}[K\(stage.rawValue): \(done)/\(total) \(stage == .write ? "files" : "pages"), \(String(format: "%.1f", elapsed)) s"
        FileHandle.standardError.write(Data(line.utf8))
    }

    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        drawn = false
    }

    /// `Stages: load 0.05 s, parse 0.11 s, render 0.21 s, write 0.04 s`.
    var stageTimes: String {
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        let parts = stages.enumerated().map { index, stage -> String in
            let end = index + 1 < stages.count ? stages[index + 1].1 : now
            return "\(stage.0.rawValue) \(String(format: "%.2f", end.timeIntervalSince(stage.1))) s"
        }
        return "Stages: " + (parts.isEmpty ? "none (nothing to do)" : parts.joined(separator: ", "))
    }
}

/// Prints an error that stops a command on standard error, as one line, and returns the exit status
/// to throw. Diglot's own errors print their description; any other error (a Foundation error, say)
/// prints `error: ` and its localized description, never the `NSError` dump, with line breaks turned
/// into spaces.
func stop(_ error: any Error, _ status: Int32) -> ExitCode {
    let text: String
    switch error {
    case let error as DiglotError: text = error.description
    case let error as InvitationError: text = error.description
    case let error as Diagnostic: text = error.description
    default: text = "error: " + error.localizedDescription
    }
    FileHandle.standardError.write(Data((text.split(whereSeparator: \.isNewline).joined(separator: " ") + "\n").utf8))
    return ExitCode(status)
}

/// Diagnostics go to standard error, one `file:line:column: severity: message [code]` line each.
func report(_ diagnostics: [Diagnostic]) {
    guard !diagnostics.isEmpty else { return }
    let text = diagnostics.map(\.description).joined(separator: "\n") + "\n"
    FileHandle.standardError.write(Data(text.utf8))
}

struct Mail: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render one invitation email draft for a customer's cloud, ready to send.",
        discussion: """
            The clouds and their acceptance portals come from the cloud-types table of the page named in \
            <content>/invitations.yml; the wording from email/ of the templates (--templates, <content>/Templates, then the built-in ones). \
            Nothing is written when an input is wrong. \
            A cloud with no invitationURL needs --invitation-url for a .eml or mailto: draft (ready to send); \
            its .txt and .html carry the placeholder INVITATION_LINK without it.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case eml, txt, html, mailto
    }

    @OptionGroup var contentOptions: ContentOptions

    @OptionGroup var templatesOptions: TemplatesOptions

    @Option(name: .long, help: ArgumentHelp("The customer's cloud: public, germany or usgov (as invitations.yml names them).", valueName: "id"))
    var cloud: String

    @Option(name: .long, help: ArgumentHelp("The draft's language, e.g. es-ES or en-US.", valueName: "locale"))
    var locale: String

    @Option(name: .customLong("partner-name"), help: "The partner's name, as the customer knows it.")
    var partnerName: String

    @Option(name: .customLong("partner-id"), help: ArgumentHelp("The partner's id, a GUID.", valueName: "guid"))
    var partnerID: String

    @Option(name: .customLong("mspp-id"), help: ArgumentHelp("The partner's MSPP id; 0 for a direct partner.", valueName: "n"))
    var msppID: String = "0"

    @Flag(exclusivity: .exclusive, help: "Ask for delegated administration privileges (--dap), or not (--no-dap; public cloud only).")
    var dap: DAPChoice

    @Option(name: .long, help: ArgumentHelp("The customer's email address.", valueName: "address"))
    var to: String?

    @Option(name: .customLong("invitation-url"), help: ArgumentHelp(
        "The invitation link from Partner Center (Customers, then Request a reseller relationship), for a cloud with no invitationURL or in place of its own: URL for --cloud's, or CLOUD=URL (repeatable).",
        valueName: "[cloud=]url"))
    var invitationURLs: [String] = []

    @Option(name: .long, help: "eml (a draft mail apps open), txt, html, or a mailto: URL.")
    var format: Format = .eml

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the draft to this file instead of standard output (a device or FIFO is written through; a folder is refused).", valueName: "file"))
    var output: String?

    enum DAPChoice: String, EnumerableFlag {
        case dap, noDap
        static func name(for value: DAPChoice) -> NameSpecification {
            value == .dap ? .customLong("dap") : .customLong("no-dap")
        }
    }

    func validate() throws {
        // What can be checked without the content: the values themselves. One line, no usage
        // (the value is wrong, not the command line's shape), exit status 64 (EX_USAGE).
        let links: InvitationLinks
        do { links = try InvitationLinks(invitationURLs) } catch { throw stop(error, 64) }
        if let problem = request(links).valueProblem() { throw stop(problem, 64) }
    }

    func request(_ links: InvitationLinks) -> InvitationRequest {
        InvitationRequest(cloud: cloud, locale: locale, partnerName: partnerName, partnerId: partnerID, msppId: msppID, dap: dap == .dap, to: to,
                          invitationURL: links.link(for: cloud))
    }

    func run() throws {
        let draft: InvitationDraft
        do {
            let links = try InvitationLinks(invitationURLs)
            // A .eml (mail apps open it as a draft to send) and a mailto: URL (it opens one) are ready
            // to send: refused with the placeholder. A .txt or .html is text to edit: written, with a warning.
            let made = try InvitationMail.draft(request(links), content: contentOptions.contentURL(), templates: templatesOptions.sources(content: contentOptions.contentURL()),
                                                links: links, readyToSend: format == .eml || format == .mailto)
            draft = made.draft
            report(made.warnings)
        } catch let error as InvitationError {
            throw stop(error, 1)
        } catch let error as Diagnostic {
            throw stop(error, 1)
        } catch {
            throw stop(error, 2)
        }
        let bytes: [UInt8]
        switch format {
        case .eml: bytes = draft.eml
        case .txt: bytes = Array(draft.text.utf8)
        case .html: bytes = Array(draft.html.utf8)
        case .mailto:
            bytes = Array((draft.mailto + "\n").utf8)
            if draft.mailtoIsTooLong {
                FileHandle.standardError.write(Data("warning: the mailto: URL is \(draft.mailto.count) characters long; past about \(MIMEEncoding.mailtoLimit) some mail apps cut it: use --format eml\n".utf8))
            }
        }
        if let output {
            // A file is written whole or not at all; a device or FIFO is written through; see `StandaloneFile.save`.
            do {
                try StandaloneFile.save(bytes, to: output)
            } catch {
                throw stop(error, 2)
            }
        } else {
            FileHandle.standardOutput.write(Data(bytes))
        }
    }
}

/// `diglot merge`: the parts of a multilingual site, built apart (`build --shard-output`), joined.
struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Join the parts of a multilingual site, each built with build --shard-output, into one site.",
        discussion: """
            Writes each part's translation and side-by-side views, one English view (each page's newest English, \
            by ms.lasthandoff then ms.date), the language chooser (index.html), every page's language picker and \
            hreflang alternates, and, with a site address, the sitemap index. The result is byte for byte what \
            diglot build --content L=DIR … builds on one machine.
            """)

    @Argument(help: ArgumentHelp("The parts' folders, in the order the site lists its languages.", valueName: "part"))
    var parts: [String]

    @Option(name: .long, help: ArgumentHelp("Where the site is written.", valueName: "dir"))
    var output: String = "Output"

    @Option(name: .customLong("base-url"), help: ArgumentHelp("The site's address (default: the first part's).", valueName: "url"))
    var baseURL: String?

    @Flag(name: .long, help: "Rewrite every file.")
    var clean = false

    @Flag(name: .long, help: "Merge into an output folder that is not empty and that Diglot did not write.")
    var force = false

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
        try Build.validate(baseURL: baseURL)
        if parts.isEmpty { throw ValidationError("Give the parts' folders.") }
    }

    func run() throws {
        var options = MergeOptions(parts: parts.map { URL(fileURLWithPath: $0) }, output: URL(fileURLWithPath: output), baseURL: baseURL)
        options.clean = clean
        options.force = force
        let result: MergeResult
        do {
            result = try SiteMerger.merge(options)
        } catch {
            throw stop(error, 2)
        }
        if !quiet {
            let stats = result.writeStats ?? OutputWriter.Stats()
            print("Merged \(result.locales.joined(separator: ", ")) into \(output): \(result.fileCount) files, \(stats.written) written, "
                  + "\(stats.unchanged) unchanged, \(stats.removed) removed.")
            print("Start page: \(URL(fileURLWithPath: output).appendingPathComponent("index.html").standardizedFileURL.path)")
        }
    }
}
