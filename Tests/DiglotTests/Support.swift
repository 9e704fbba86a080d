import Diglot
import Foundation
import XCTest

/// Paths of the package, its fixtures and the shared corpus, found from this file's place.
enum Paths {
    static let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = package.appendingPathComponent("Tests/DiglotTests/Fixtures")
    static let golden = fixtures.appendingPathComponent("golden")
    static let content = package.appendingPathComponent("Content")
    static let templates = package.appendingPathComponent("Templates")
    static let corpus = package.appendingPathComponent("../shared/corpora/partner-center-pr.es-es").standardizedFileURL

    /// The built `diglot` executable next to the test bundle.
    static var diglotExecutable: URL? {
        var candidates = [Bundle.main.bundleURL]
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            candidates.append(bundle.bundleURL.deletingLastPathComponent())
        }
        candidates.append(package.appendingPathComponent(".build/debug"))
        return candidates.map { $0.appendingPathComponent("diglot") }.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }
}

/// The three renderings of parsed blocks, as the views write them (no page around them).
extension XCTestCase {
    /// The translation view (each unit with its English on hover).
    func hover(_ blocks: [Block]) -> String {
        HTMLRenderer.render(blocks, options: .init(side: .target, hover: true), headingIDs: [])
    }

    /// The translation's column of the side-by-side view.
    func column(_ blocks: [Block]) -> String {
        HTMLRenderer.render(blocks, options: .init(side: .target, hover: false, headingIDs: false), headingIDs: [])
    }

    /// The English view.
    func english(_ blocks: [Block]) -> String {
        HTMLRenderer.render(blocks, options: .init(side: .source, hover: false), headingIDs: [])
    }
}

/// Skips a test that needs the real corpus when this clone has no `../shared`.
func requireCorpus() throws -> URL {
    guard FileManager.default.fileExists(atPath: Paths.corpus.appendingPathComponent("partner-center").path) else {
        throw XCTSkip("The real corpus is not here (\(Paths.corpus.path)): it lives in ../shared/corpora beside the project, which a clone elsewhere lacks.")
    }
    return Paths.corpus
}

/// Compares text with a golden file; with DIGLOT_UPDATE_GOLDEN=1 it writes the golden file instead.
func assertGolden(_ actual: String, _ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
    let url = Paths.golden.appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["DIGLOT_UPDATE_GOLDEN"] == "1" {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try actual.write(to: url, atomically: true, encoding: .utf8)
        return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
        XCTFail("golden file \(name) is missing; run the tests with DIGLOT_UPDATE_GOLDEN=1 to write it", file: file, line: line)
        return
    }
    if expected != actual {
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let first = zip(a, e).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, e.count)
        XCTFail("""
            \(name) differs from its golden file at line \(first + 1):
              expected: \(first < e.count ? String(e[first]) : "<end>")
              actual:   \(first < a.count ? String(a[first]) : "<end>")
            (run with DIGLOT_UPDATE_GOLDEN=1 to accept the new output)
            """, file: file, line: line)
    }
}

/// A fresh temporary folder, removed at the end of the test.
func temporaryFolder(_ test: XCTestCase, _ name: String = "diglot") throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    test.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
    return url
}

/// Writes files (path → contents) into a folder.
func writeFiles(_ files: [String: [UInt8]], into folder: URL) throws {
    for (path, bytes) in files {
        let url = folder.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }
}

/// Builds a content folder of `files` (path → text) with the project's templates into a fresh output folder.
func buildSite(_ test: XCTestCase, _ files: [String: String], locale: String = "es-ES") throws -> (output: URL, result: BuildResult) {
    let content = try temporaryFolder(test, "content")
    let output = try temporaryFolder(test, "output")
    try writeFiles(files.mapValues { Array($0.utf8) }, into: content)
    return (output, try SiteBuilder.build(BuildOptions(content: content, output: output, templates: Paths.templates, targetLocale: locale)))
}

/// Diagnostics as `file:line:column CODE severity message`, for exact assertions.
func located(_ diagnostics: [Diagnostic]) -> [String] {
    diagnostics.map { "\($0.file):\($0.location) \($0.code.rawValue) \($0.severity.rawValue) \($0.message)" }
}

/// Runs the `diglot` executable and returns its exit status, standard output and standard error.
func runDiglot(_ arguments: [String], in directory: URL = Paths.package) throws -> (status: Int32, stdout: String, stderr: String) {
    guard let executable = Paths.diglotExecutable else { throw XCTSkip("the diglot executable was not built") }
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.currentDirectoryURL = directory
    // Standard error goes to a file: a pipe read after standard output would deadlock once the
    // child fills it (a corpus build prints hundreds of warnings).
    let errURL = FileManager.default.temporaryDirectory.appendingPathComponent("diglot-stderr-\(UUID().uuidString)")
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: errURL) }
    let err = try FileHandle(forWritingTo: errURL)
    let out = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    try err.close()
    let errData = try Data(contentsOf: errURL)
    return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
}

extension SourceFile {
    static func page(_ path: String, _ text: String) -> SourceFile { SourceFile(path: path, text: text) }
}

/// A unit as the translation pipeline writes it.
func unit(_ id: String, _ target: String, _ source: String) -> String {
    "<span data-ttu-id=\"\(id)\">\(target)</span><span class=\"sxs-lookup\"><span data-stu-id=\"\(id)\">\(source)</span></span>"
}

/// Every file under `folder` (folders as empty data), by path relative to it.
func fileTree(_ folder: URL) -> [String: Data] {
    var result: [String: Data] = [:]
    guard let paths = FileManager.default.enumerator(atPath: folder.path) else { return [:] }
    for case let path as String in paths {
        result[path] = (try? Data(contentsOf: folder.appendingPathComponent(path))) ?? Data()
    }
    return result
}

/// The relative links (`href`, `src`) of every HTML page of a built site that lead to no file of it,
/// as `page -> target`. Outside addresses, fragments and site-absolute paths are not followed.
func brokenLocalLinks(in output: URL) -> [String] {
    var broken: [String] = []
    let pattern = /(?:href|src)="([^"#?]+)[^"]*"/
    for (path, data) in fileTree(output).sorted(by: { $0.key < $1.key }) where path.hasSuffix(".html") {
        let html = String(decoding: data, as: UTF8.self)
        let folder = output.appendingPathComponent(path).deletingLastPathComponent()
        for match in html.matches(of: pattern) {
            let target = String(match.output.1)
            if target.contains(":") || target.hasPrefix("/") { continue }
            let url = folder.appendingPathComponent(target.removingPercentEncoding ?? target).standardizedFileURL
            if !FileManager.default.fileExists(atPath: url.path) { broken.append("\(path) -> \(target)") }
        }
    }
    return broken
}

/// Mounts a 1 MB tmpfs at `folder` (an existing folder) until the test ends; skips the test where
/// mounting is not permitted (it needs root or CAP_SYS_ADMIN).
func mountTmpfs(at folder: URL, for test: XCTestCase) throws {
    let mount = Process()
    mount.executableURL = URL(fileURLWithPath: "/bin/mount")
    mount.arguments = ["-t", "tmpfs", "-o", "size=1m", "diglot-test", folder.path]
    mount.standardError = FileHandle.nullDevice
    guard (try? mount.run()) != nil else { throw XCTSkip("no mount(8) here: cannot make a mount point") }
    mount.waitUntilExit()
    guard mount.terminationStatus == 0 else { throw XCTSkip("mounting a tmpfs is not permitted here (it needs root or CAP_SYS_ADMIN)") }
    test.addTeardownBlock {
        let umount = Process()
        umount.executableURL = URL(fileURLWithPath: "/bin/umount")
        umount.arguments = ["-l", folder.path]
        try? umount.run()
        umount.waitUntilExit()
    }
}

/// The file system a path is on (`st_dev`), 0 if it is not there.
func device(_ url: URL) -> UInt64 {
    var info = stat()
    return stat(url.path, &info) == 0 ? UInt64(info.st_dev) : 0
}

/// A copy of the fixture docset with 40 more pages (about 160 files of output): one page's edit then
/// changes a small part of the site, which is moved into the output rather than swapped in.
func largerFixtureCopy(_ test: XCTestCase) throws -> URL {
    let content = try temporaryFolder(test, "content").appendingPathComponent("docset")
    try FileManager.default.copyItem(at: DocsetFixtureTests.fixture, to: content)
    for n in 1...40 {
        let text = "---\ntitle: Página \(n)\nms.contentlocale: es-ES\n---\n\n<span data-ttu-id=\"p-\(n)\">Página \(n).</span>"
            + "<span class=\"sxs-lookup\"><span data-stu-id=\"p-\(n)\">Page \(n).</span></span>\n"
        try text.write(to: content.appendingPathComponent("guide/extra-\(n).md"), atomically: true, encoding: .utf8)
    }
    return content
}
