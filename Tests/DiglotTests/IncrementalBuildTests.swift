import Diglot
import Foundation
import XCTest

/// Incremental and atomic builds: a rebuild with nothing changed does nothing; a one-page edit writes
/// only the files it changes and equals a clean build; a build killed before it publishes leaves the
/// previous output as it was.
final class IncrementalBuildTests: XCTestCase {
    /// A copy of the fixture docset, to edit.
    private func contentCopy() throws -> URL {
        let folder = try temporaryFolder(self, "content").appendingPathComponent("docset")
        try FileManager.default.copyItem(at: DocsetFixtureTests.fixture, to: folder)
        return folder
    }

    /// Every file of a folder with its inode, modification time and bytes.
    private func snapshot(_ folder: URL) throws -> [String: (inode: UInt64, mtime: Date, bytes: Data)] {
        var result: [String: (UInt64, Date, Data)] = [:]
        let fm = FileManager.default
        for case let path as String in fm.enumerator(atPath: folder.path)! {
            let url = folder.appendingPathComponent(path)
            let attributes = try fm.attributesOfItem(atPath: url.path)
            guard attributes[.type] as? FileAttributeType == .typeRegular else { continue }
            result[path] = ((attributes[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0, attributes[.modificationDate] as! Date, try Data(contentsOf: url))
        }
        return result
    }

    private func options(_ content: URL, _ output: URL) -> BuildOptions {
        BuildOptions(content: content, output: output, templates: Paths.templates)
    }

    func testANoChangeRebuildRewritesNoFile() throws {
        let content = try contentCopy()
        let output = try temporaryFolder(self, "output")
        let first = try SiteBuilder.build(options(content, output))
        XCTAssertFalse(first.upToDate)
        XCTAssertEqual(first.writeStats, OutputWriter.Stats(written: first.fileCount, unchanged: 0, removed: 0))
        let before = try snapshot(output)
        let second = try SiteBuilder.build(options(content, output))
        XCTAssertTrue(second.upToDate, "nothing changed: nothing to do")
        XCTAssertEqual(second.diagnostics, first.diagnostics, "the same findings are reported again")
        XCTAssertEqual(second.fileCount, first.fileCount)
        let after = try snapshot(output)
        XCTAssertEqual(Set(after.keys), Set(before.keys))
        for (path, file) in before {
            XCTAssertEqual(after[path]?.inode, file.inode, path)
            XCTAssertEqual(after[path]?.mtime, file.mtime, path)
        }
        // A content file touched without a change: the build runs, and still writes nothing.
        try FileManager.default.setAttributes([.modificationDate: Date()], ofItemAtPath: content.appendingPathComponent("guide/start.md").path)
        let third = try SiteBuilder.build(options(content, output))
        XCTAssertFalse(third.upToDate)
        XCTAssertEqual(third.writeStats?.written, 0)
        for (path, file) in try snapshot(output) where !path.hasPrefix(".diglot") {
            XCTAssertEqual(file.inode, before[path]?.inode, path)
            XCTAssertEqual(file.mtime, before[path]?.mtime, path)
        }
        // An output file deleted by hand is not up to date: the next build writes it again.
        try FileManager.default.removeItem(at: output.appendingPathComponent("es-es/guide/faq.html"))
        let fourth = try SiteBuilder.build(options(content, output))
        XCTAssertEqual(fourth.writeStats?.written, 1)
        // --clean rewrites everything.
        var clean = options(content, output)
        clean.clean = true
        XCTAssertEqual(try SiteBuilder.build(clean).writeStats?.written, first.fileCount)
    }

    func testAOnePageEditChangesOnlyItsFilesAndEqualsACleanBuild() throws {
        let content = try contentCopy()
        let output = try temporaryFolder(self, "output")
        _ = try SiteBuilder.build(options(content, output))
        let before = try snapshot(output)
        // A sentence's translation changes: its page's translation and side by side, and the translation's search index.
        let page = content.appendingPathComponent("guide/details.md")
        let text = try String(contentsOf: page, encoding: .utf8)
        try text.replacingOccurrences(of: "Abra la", with: "Abra ahora la").write(to: page, atomically: true, encoding: .utf8)
        let edited = try SiteBuilder.build(options(content, output))
        let after = try snapshot(output)
        let changed = Set(after.keys.filter { before[$0]?.bytes != after[$0]?.bytes || before[$0]?.inode != after[$0]?.inode }).subtracting([".diglot-manifest", ".diglot-cache", ".diglot-pages"])
        XCTAssertEqual(changed, ["es-es/guide/details.html", "sxs/guide/details.html", "es-es/guide/search-index.js"])
        XCTAssertEqual(edited.writeStats?.written, 3)
        try assertEqualsACleanBuild(content, output)
        // A changed title: the page, and every page whose navigation names it (sidebar, breadcrumbs,
        // previous and next), the start page and the search index.
        try text.replacingOccurrences(of: "title: Detalles", with: "title: Más detalles").write(to: page, atomically: true, encoding: .utf8)
        let retitled = try SiteBuilder.build(options(content, output))
        XCTAssertEqual(retitled.writeStats?.written, try snapshot(output).filter { before[$0.key]?.bytes != $0.value.bytes && !$0.key.hasPrefix(".diglot") }.count)
        XCTAssertTrue(try String(contentsOf: output.appendingPathComponent("es-es/guide/start.html"), encoding: .utf8).contains("Más detalles →"))
        try assertEqualsACleanBuild(content, output)
    }

    /// The output's files (but the bookkeeping and `usersFiles`) are a clean build's, byte for byte.
    private func assertEqualsACleanBuild(_ content: URL, _ output: URL, usersFiles: Set<String> = [], file: StaticString = #filePath, line: UInt = #line) throws {
        let fresh = try temporaryFolder(self, "clean")
        _ = try SiteBuilder.build(options(content, fresh))
        let a = try snapshot(output).filter { !$0.key.hasPrefix(".diglot") && !usersFiles.contains($0.key) }
        let b = try snapshot(fresh).filter { !$0.key.hasPrefix(".diglot") }
        XCTAssertEqual(Set(a.keys), Set(b.keys), file: file, line: line)
        for (path, entry) in b { XCTAssertEqual(a[path]?.bytes, entry.bytes, path, file: file, line: line) }
    }

    func testCleanRemovesStaleFilesAndKeepsTheUsersFiles() throws {
        let content = try contentCopy()
        let output = try temporaryFolder(self, "output")
        _ = try SiteBuilder.build(options(content, output))
        try Data("mine".utf8).write(to: output.appendingPathComponent("notes.txt"))
        try FileManager.default.createDirectory(at: output.appendingPathComponent("empty-folder-of-mine"), withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o2775], ofItemAtPath: output.path)
        try FileManager.default.removeItem(at: content.appendingPathComponent("guide/faq.yml"))
        var clean = options(content, output)
        clean.clean = true
        let result = try SiteBuilder.build(clean)
        XCTAssertEqual(result.writeStats?.written, result.fileCount)
        XCTAssertFalse(FileManager.default.fileExists(atPath: output.appendingPathComponent("es-es/guide/faq.html").path), "a page gone from the content is gone from the site")
        XCTAssertEqual(try String(contentsOf: output.appendingPathComponent("notes.txt"), encoding: .utf8), "mine")
        XCTAssertTrue(FileManager.default.fileExists(atPath: output.appendingPathComponent("empty-folder-of-mine").path))
        let mode = try FileManager.default.attributesOfItem(atPath: output.path)[.posixPermissions] as? Int
        XCTAssertEqual(mode, 0o2775, "the output folder keeps its permissions across the swap")
    }

    func testAnOutputThatIsASymbolicLinkIsWrittenThroughNotSwappedAway() throws {
        let content = try contentCopy()
        let place = try temporaryFolder(self, "place")
        let target = place.appendingPathComponent("real-site")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: target.appendingPathComponent("keep.txt"))
        let link = place.appendingPathComponent("Output")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        // The folder holds a file and Diglot did not write it: refused, unless forced.
        XCTAssertThrowsError(try SiteBuilder.build(options(content, link))) { XCTAssertEqual($0 as? DiglotError, .outputNotDiglots(link.path)) }
        // The message (DiglotModel) names the manifest the writer (DiglotPublish) looks for.
        XCTAssertTrue(DiglotError.outputNotDiglots(link.path).description.contains("(no \(OutputWriter.manifestName))"))
        var forced = options(content, link)
        forced.force = true
        _ = try SiteBuilder.build(forced)
        let page = content.appendingPathComponent("guide/start.md")
        try (try String(contentsOf: page, encoding: .utf8)).replacingOccurrences(of: "Esta página", with: "Aquella página").write(to: page, atomically: true, encoding: .utf8)
        _ = try SiteBuilder.build(options(content, link))
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: link.path), target.path, "the link is still a link")
        XCTAssertEqual(try String(contentsOf: target.appendingPathComponent("keep.txt"), encoding: .utf8), "keep")
        XCTAssertTrue(try String(contentsOf: target.appendingPathComponent("es-es/guide/start.html"), encoding: .utf8).contains("Aquella página"))
    }

    private func inode(_ url: URL) throws -> UInt64 {
        try XCTUnwrap((FileManager.default.attributesOfItem(atPath: url.path)[.systemFileNumber] as? NSNumber)?.uint64Value)
    }

    private func replace(_ old: String, with new: String, in file: URL) throws {
        let text = try String(contentsOf: file, encoding: .utf8)
        XCTAssertTrue(text.contains(old), "\(file.lastPathComponent) holds \(old)")
        try text.replacingOccurrences(of: old, with: new).write(to: file, atomically: true, encoding: .utf8)
    }

    func testASmallChangeIsMovedIntoTheOutputAndALargeOneSwappedIn() throws {
        let content = try largerFixtureCopy(self)
        let parent = try temporaryFolder(self, "site")
        let output = parent.appendingPathComponent("out")
        _ = try SiteBuilder.build(options(content, output))
        try Data("mine".utf8).write(to: output.appendingPathComponent("notes.txt"))
        let folder = try inode(output)
        let before = try snapshot(output)
        // One page's sentence: its two views and its part of the search index change, of about 160
        // files. The redirect pages, 404 page and assets are kept, not rendered again.
        try replace("Esta página", with: "Esta otra página", in: content.appendingPathComponent("guide/start.md"))
        let edited = try SiteBuilder.build(options(content, output))
        XCTAssertTrue(edited.incremental)
        XCTAssertEqual(edited.renderedPages, ["guide/start.md"])
        XCTAssertEqual(try inode(output), folder, "moved into the output folder, not swapped in whole")
        let after = try snapshot(output)
        let changed = Set(after.keys.filter { before[$0]?.bytes != after[$0]?.bytes || before[$0]?.inode != after[$0]?.inode })
        let part = try XCTUnwrap(changed.first { $0.hasPrefix("es-es/guide/search-index") }, "\(changed)")
        XCTAssertTrue(String(decoding: after[part]!.bytes, as: UTF8.self).contains("[\"guide/start.html\","), part)
        XCTAssertEqual(changed.subtracting([".diglot-manifest", ".diglot-cache", ".diglot-pages"]),
                       ["es-es/guide/start.html", "sxs/guide/start.html", part])
        XCTAssertEqual(after["notes.txt"]?.inode, before["notes.txt"]?.inode, "the user's file is left where it is")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: parent.path), ["out"], "nothing is left beside the output")
        XCTAssertFalse(after.keys.contains { $0.contains(".diglot-new-") }, "nothing is left inside it")
        try assertEqualsACleanBuild(content, output, usersFiles: ["notes.txt"])

        // Ten pages' sentences: about 40 files of 160, past one in twenty: a new site swapped in whole.
        for n in 1...10 { try replace("Página \(n).</span>", with: "La página \(n).</span>", in: content.appendingPathComponent("guide/extra-\(n).md")) }
        let many = try SiteBuilder.build(options(content, output))
        XCTAssertEqual(many.renderedPages.count, 10)
        XCTAssertNotEqual(try inode(output), folder, "swapped in whole")
        XCTAssertEqual(try snapshot(output)["notes.txt"]?.inode, before["notes.txt"]?.inode, "the user's file is carried over as a hard link")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: parent.path), ["out"])
        try assertEqualsACleanBuild(content, output, usersFiles: ["notes.txt"])
    }

    func testASmallChangeUnderAMountPointInTheOutputIsNotMovedIn() throws {
        // A rename cannot cross file systems: a page's views under a mount point are written in place.
        let content = try largerFixtureCopy(self)
        let parent = try temporaryFolder(self, "site")
        let output = parent.appendingPathComponent("out")
        _ = try SiteBuilder.build(options(content, output))
        let side = output.appendingPathComponent("sxs"), saved = parent.appendingPathComponent("sxs-saved")
        try FileManager.default.moveItem(at: side, to: saved)
        try FileManager.default.createDirectory(at: side, withIntermediateDirectories: false)
        try mountTmpfs(at: side, for: self)
        for name in try FileManager.default.contentsOfDirectory(atPath: saved.path) {
            try FileManager.default.copyItem(at: saved.appendingPathComponent(name), to: side.appendingPathComponent(name))
        }
        XCTAssertNotEqual(device(side), device(output))
        // Two edits in a row: each publishes (a failed move would make every other build fail). The
        // first renders every page (the copies' times are not those of the manifest), the second one.
        for (round, (old, new)) in [("Esta página", "Esta otra página"), ("Esta otra página", "Esta tercera página")].enumerated() {
            try replace(old, with: new, in: content.appendingPathComponent("guide/start.md"))
            let edited = try SiteBuilder.build(options(content, output))
            if round == 1 { XCTAssertEqual(edited.renderedPages, ["guide/start.md"]) }
            XCTAssertTrue(try String(contentsOf: side.appendingPathComponent("guide/start.html"), encoding: .utf8).contains(new))
            // As a clean build (FileManager's enumerator does not enter the mount point: read it apart).
            let fresh = try temporaryFolder(self, "clean")
            _ = try SiteBuilder.build(options(content, fresh))
            var a = try snapshot(output).filter { !$0.key.hasPrefix(".diglot") }
            for (path, file) in try snapshot(side) { a["sxs/" + path] = file }
            let b = try snapshot(fresh).filter { !$0.key.hasPrefix(".diglot") }
            XCTAssertEqual(Set(a.keys), Set(b.keys))
            for (path, file) in b { XCTAssertEqual(a[path]?.bytes, file.bytes, path) }
        }
    }

    /// `diglot build` in a child process that waits 30 s (a test hook) once every file is made and
    /// before the output changes (before the swap, or before the changed files are moved in).
    private func startBuildThatPausesBeforePublishing(_ content: URL, _ output: URL) throws -> Process {
        guard let executable = Paths.diglotExecutable else { throw XCTSkip("the diglot executable was not built") }
        let process = Process()
        process.executableURL = executable
        process.arguments = ["build", "--content", content.path, "--output", output.path, "--templates", Paths.templates.path, "--quiet"]
        process.environment = ProcessInfo.processInfo.environment.merging(["DIGLOT_TEST_PAUSE_BEFORE_SWAP": "30"]) { $1 }
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    func testASmallChangeKilledBeforeItIsMovedInLeavesThePreviousOutput() throws {
        let content = try largerFixtureCopy(self)
        let parent = try temporaryFolder(self, "site")
        let output = parent.appendingPathComponent("out")
        var run = try runDiglot(["build", "--content", content.path, "--output", output.path, "--templates", Paths.templates.path])
        XCTAssertEqual(run.status, 0, run.stderr)
        let folder = try inode(output)
        let before = try snapshot(output)
        try replace("Esta página", with: "Esta otra página", in: content.appendingPathComponent("guide/start.md"))

        // The build stages the changed files beside the output, then waits (a test hook) before moving them in: kill it there.
        let process = try startBuildThatPausesBeforePublishing(content, output)
        let deadline = Date().addingTimeInterval(20)
        func pending() -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []).filter { $0.hasPrefix(".out.diglot-new-") } }
        func staged() -> [String] { pending().first.flatMap { try? FileManager.default.contentsOfDirectory(atPath: parent.appendingPathComponent($0).path) } ?? [] }
        while staged().count < 3, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        XCTAssertEqual(staged().sorted(), ["0", "1", "2"], "its three changed files were staged beside the output")
        Thread.sleep(forTimeInterval: 0.2)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()

        XCTAssertEqual(try inode(output), folder)
        let after = try snapshot(output)
        XCTAssertEqual(Set(after.keys), Set(before.keys))
        for (path, file) in before {
            XCTAssertEqual(after[path]?.bytes, file.bytes, path)
            XCTAssertEqual(after[path]?.inode, file.inode, path)
        }
        // The next build clears what the killed one left and publishes.
        run = try runDiglot(["build", "--content", content.path, "--output", output.path, "--templates", Paths.templates.path])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(pending(), [])
        XCTAssertEqual(try inode(output), folder)
        XCTAssertTrue(try String(contentsOf: output.appendingPathComponent("es-es/guide/start.html"), encoding: .utf8).contains("Esta otra página"))
        try assertEqualsACleanBuild(content, output)
    }

    func testABuildKilledBeforeItPublishesLeavesThePreviousOutput() throws {
        let content = try contentCopy()
        let parent = try temporaryFolder(self, "site")
        let output = parent.appendingPathComponent("out")
        var run = try runDiglot(["build", "--content", content.path, "--output", output.path, "--templates", Paths.templates.path])
        XCTAssertEqual(run.status, 0, run.stderr)
        let before = try snapshot(output)
        let page = content.appendingPathComponent("guide/start.md")
        try (try String(contentsOf: page, encoding: .utf8)).replacingOccurrences(of: "Esta página", with: "Esta otra página").write(to: page, atomically: true, encoding: .utf8)

        // The build makes the new site beside the output, then waits (a test hook) before swapping it in: kill it there.
        let process = try startBuildThatPausesBeforePublishing(content, output)
        let deadline = Date().addingTimeInterval(20)
        func pending() -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []).filter { $0.hasPrefix(".out.diglot-new-") } }
        while pending().isEmpty || !FileManager.default.fileExists(atPath: parent.appendingPathComponent(pending()[0]).appendingPathComponent(".diglot-cache").path), Date() < deadline {
            Thread.sleep(forTimeInterval: 0.02)
        }
        XCTAssertFalse(pending().isEmpty, "the new site was being made beside the output")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()

        let after = try snapshot(output)
        XCTAssertEqual(Set(after.keys), Set(before.keys))
        for (path, file) in before {
            XCTAssertEqual(after[path]?.bytes, file.bytes, path)
            XCTAssertEqual(after[path]?.inode, file.inode, path)
        }
        XCTAssertFalse(try String(contentsOf: output.appendingPathComponent("es-es/guide/start.html"), encoding: .utf8).contains("Esta otra página"))
        // The next build clears what the killed one left and publishes.
        run = try runDiglot(["build", "--content", content.path, "--output", output.path, "--templates", Paths.templates.path])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(pending(), [])
        XCTAssertTrue(try String(contentsOf: output.appendingPathComponent("es-es/guide/start.html"), encoding: .utf8).contains("Esta otra página"))
    }
}
