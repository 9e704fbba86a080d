import Diglot
import Foundation
import XCTest

/// Building into a folder never destroys what is in it: a folder Diglot did not write is refused
/// without --force, `/`, the content and a folder holding the content are always refused, the user's
/// folders keep their mode, owner and times, and a mount point inside the output is neither emptied
/// nor copied onto the parent's file system.
final class OutputSafetyTests: XCTestCase {
    /// A content folder of one page (in a folder of its own when `nested`).
    private func content(nested: Bool = false) throws -> URL {
        let folder = nested ? try temporaryFolder(self, "parent").appendingPathComponent("content") : try temporaryFolder(self, "content")
        try writeFiles(["ok.md": Array(("# " + unit("o-1", "Bien", "Fine") + "\n").utf8)], into: folder)
        return folder
    }

    private func build(_ content: URL, _ output: String, _ extra: [String] = []) throws -> (status: Int32, stdout: String, stderr: String) {
        try runDiglot(["build", "--content", content.path, "--output", output, "--templates", Paths.templates.path, "--locale", "es-ES", "--quiet"] + extra)
    }

    func testAFolderDiglotDidNotWriteIsRefusedWithoutForceAndLeftByteIdentical() throws {
        let content = try content()
        let output = try temporaryFolder(self, "mine")
        try writeFiles(["index.html": Array("<p>my own page</p>\n".utf8), "notes.txt": Array("mine".utf8)], into: output)
        let before = fileTree(output)
        let refused = try build(content, output.path)
        XCTAssertEqual(refused.status, 2)
        XCTAssertEqual(refused.stderr, "error: the output folder \(output.path) is not empty and Diglot did not write it (no .diglot-manifest): "
                       + "choose an empty or new folder, or give --force to build into it\n")
        XCTAssertEqual(fileTree(output), before, "nothing in the folder changed")
        let beside = try FileManager.default.contentsOfDirectory(atPath: output.deletingLastPathComponent().path)
        XCTAssertFalse(beside.contains { $0.hasPrefix("." + output.lastPathComponent + ".diglot-new-") }, "no new site was made beside it")
        // A hidden file alone makes a folder not empty.
        let hidden = try temporaryFolder(self, "hidden")
        try writeFiles([".keep": []], into: hidden)
        XCTAssertEqual(try build(content, hidden.path).status, 2)
        XCTAssertEqual(fileTree(hidden).keys.sorted(), [".keep"])

        // --force builds into it; the user's other files stay.
        let forced = try build(content, output.path, ["--force"])
        XCTAssertEqual(forced.status, 0, forced.stderr)
        XCTAssertEqual(try String(contentsOf: output.appendingPathComponent("notes.txt"), encoding: .utf8), "mine")
        XCTAssertTrue(try String(contentsOf: output.appendingPathComponent("index.html"), encoding: .utf8).hasPrefix("<!DOCTYPE html>"))
        // From then on the folder is Diglot's (its manifest says so): no --force needed.
        XCTAssertEqual(try build(content, output.path).status, 0)
    }

    func testServeRefusesAnOutputDiglotDidNotWriteAtOnce() throws {
        let content = try content()
        let output = try temporaryFolder(self, "mine")
        try writeFiles(["index.html": Array("<p>my own page</p>\n".utf8)], into: output)
        let run = try runDiglotBounded(["serve", "--content", content.path, "--templates", Paths.templates.path, "--output", output.path, "--port", "0"], seconds: 20)
        XCTAssertFalse(run.timedOut, "serve started instead of refusing")
        XCTAssertEqual(run.status, 2)
        XCTAssertEqual(run.stderr, "error: the output folder \(output.path) is not empty and Diglot did not write it (no .diglot-manifest): "
                       + "choose an empty or new folder, or give --force to build into it\n")
        XCTAssertEqual(fileTree(output).keys.sorted(), ["index.html"])
    }

    func testTheRootTheContentAndAFolderHoldingTheContentAreRefused() throws {
        let content = try content(nested: true)
        let parent = content.deletingLastPathComponent()
        let link = try temporaryFolder(self, "links").appendingPathComponent("to-parent")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: parent)
        let contentBefore = fileTree(content)
        let cases: [(String, String)] = [
            (content.path, "it is the content folder"),
            (content.path + "/", "it is the content folder"),
            (content.appendingPathComponent("sub/..").path, "it is the content folder"),
            (parent.path, "it holds the content folder \(content.path)"),
            (link.path, "it holds the content folder \(content.path)"),
            (link.appendingPathComponent(content.lastPathComponent).path, "it is the content folder"),
        ]
        for (output, why) in cases {
            for extra in [[], ["--force"]] {
                let run = try build(content, output, extra)
                XCTAssertEqual(run.status, 2, output)
                XCTAssertEqual(run.stderr, "error: refusing to build into \(URL(fileURLWithPath: output).path): \(why)\n", output)
            }
        }
        XCTAssertEqual(fileTree(content), contentBefore, "nothing written into the content")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: parent.path), ["content"], "nothing written beside the content")

        // `/`, run as nobody when the tests run as root, so that a regression cannot write into the root.
        let root = try runDiglotUnprivileged(["build", "--content", content.path, "--output", "/", "--templates", Paths.templates.path, "--force"])
        XCTAssertEqual(root.status, 2)
        XCTAssertEqual(root.stderr, "error: refusing to build into /: it is the root folder\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: "/.diglot-manifest"))
    }

    /// Read-only folders, as a user who is not root (nobody, through setpriv(1)): a small change whose
    /// page is in a read-only folder, or whose output folder is read-only, is swapped in rather than
    /// moved in (a rename into the folder would fail part way, and the manifest and caches could not be
    /// written), and the old site, read-only folders and all, is removed after the swap: nothing is left
    /// beside the output, and every build equals a clean one.
    func testReadOnlyFoldersNeitherStopASmallChangeNorLeaveTheOldSite() throws {
        guard getuid() == 0 else { throw XCTSkip("needs root, to build as another user") }
        let content = try largerFixtureCopy(self)
        let parent = try temporaryFolder(self, "site")
        let output = parent.appendingPathComponent("out")
        func chownAll(_ url: URL) throws {
            let chown = Process()
            chown.executableURL = URL(fileURLWithPath: "/bin/chown")
            chown.arguments = ["-R", "65534:65534", url.path]
            try chown.run()
            chown.waitUntilExit()
        }
        try chownAll(content.deletingLastPathComponent())
        try chownAll(parent)
        func build() throws {
            let run = try runDiglotUnprivileged(["build", "--content", content.path, "--output", output.path, "--templates", Paths.templates.path, "--quiet"])
            XCTAssertEqual(run.status, 0, run.stderr)
        }
        try build()
        let page = content.appendingPathComponent("guide/start.md")
        for (old, new, readOnly) in [("Esta página", "Esta otra página", "sxs/guide"), ("Esta otra página", "Esta tercera página", "")] {
            try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: output.appendingPathComponent(readOnly).path)
            try (try String(contentsOf: page, encoding: .utf8)).replacingOccurrences(of: old, with: new).write(to: page, atomically: true, encoding: .utf8)
            try build()
            XCTAssertTrue(try String(contentsOf: output.appendingPathComponent("sxs/guide/start.html"), encoding: .utf8).contains(new))
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: parent.path), ["out"], "nothing is left beside the output")
            let mode = try FileManager.default.attributesOfItem(atPath: output.appendingPathComponent(readOnly).path)[.posixPermissions] as? Int
            XCTAssertEqual(mode, 0o555, "the folder keeps its mode")
            let clean = try temporaryFolder(self, "clean")
            _ = try SiteBuilder.build(BuildOptions(content: content, output: clean, templates: Paths.templates))
            for path in ["es-es/guide/start.html", "sxs/guide/start.html", "es-es/guide/search-index.js", "sxs/guide/extra-1.html"] {
                XCTAssertEqual(try Data(contentsOf: output.appendingPathComponent(path)), try Data(contentsOf: clean.appendingPathComponent(path)), path)
            }
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: output.path)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: output.appendingPathComponent("sxs/guide").path)
    }

    /// An output folder shared by a group (`chgrp`, mode 2775) and built by a member of the group who is
    /// not its owner: the swapped-in folder cannot keep its owner (root), but keeps its group and mode,
    /// and what is made in it takes the group, as it would in the output (setgid), so the other members
    /// can still write it; so does a full rebuild's, and a one-page change's moved-in file.
    func testAGroupSharedOutputKeepsItsGroupWhenAMemberBuildsIt() throws {
        guard getuid() == 0 else { throw XCTSkip("needs root, to build as another user") }
        let content = try largerFixtureCopy(self)
        let parent = try temporaryFolder(self, "site")
        let output = parent.appendingPathComponent("out")
        let group: gid_t = 4242
        for (url, uid, gid) in [(content.deletingLastPathComponent(), uid_t(65534), gid_t(65534)), (parent, 65534, 65534)] {
            let chown = Process()
            chown.executableURL = URL(fileURLWithPath: "/bin/chown")
            chown.arguments = ["-R", "\(uid):\(gid)", url.path]
            try chown.run()
            chown.waitUntilExit()
        }
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: false)
        XCTAssertEqual(chown(output.path, 0, group), 0)
        XCTAssertEqual(chmod(output.path, 0o2775), 0)
        // A first build (swapped in), a full rebuild (swapped in), a one-page change (moved in).
        let page = content.appendingPathComponent("guide/start.md")
        var swapped: ino_t = 0
        for build in 0..<3 {
            if build == 2 {
                try (try String(contentsOf: page, encoding: .utf8)).replacingOccurrences(of: "Esta página", with: "Esta otra página")
                    .write(to: page, atomically: false, encoding: .utf8)
            }
            let run = try runDiglotUnprivileged(["build", "--content", content.path, "--output", output.path, "--templates", Paths.templates.path, "--quiet"]
                                                + (build == 1 ? ["--clean"] : []), groups: [group])
            XCTAssertEqual(run.status, 0, run.stderr)
            var info = stat()
            XCTAssertEqual(stat(output.path, &info), 0)
            XCTAssertEqual(info.st_gid, group, "build \(build): the output folder keeps its group")
            XCTAssertEqual(info.st_mode & 0o7777, 0o2775, "build \(build): and its mode")
            if build == 2 { XCTAssertEqual(info.st_ino, swapped, "the change was moved in, not swapped") }
            swapped = info.st_ino
            for made in ["es-es", "es-es/guide/start.html"] {
                XCTAssertEqual(stat(output.appendingPathComponent(made).path, &info), 0)
                XCTAssertEqual(info.st_gid, group, "build \(build): \(made), made in it, takes the group (setgid)")
            }
        }
        XCTAssertTrue(try String(contentsOf: output.appendingPathComponent("es-es/guide/start.html"), encoding: .utf8).contains("Esta otra página"))
    }

    /// `diglot` as user nobody (65534) through setpriv(1) when this process is root, in `groups` (none
    /// by default); as itself otherwise.
    private func runDiglotUnprivileged(_ arguments: [String], groups: [gid_t] = []) throws -> (status: Int32, stderr: String) {
        guard let executable = Paths.diglotExecutable else { throw XCTSkip("the diglot executable was not built") }
        let process = Process()
        if getuid() == 0 {
            guard FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else { throw XCTSkip("running as root without setpriv(1): not risking a build into /") }
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            process.arguments = ["--reuid=65534", "--regid=65534", groups.isEmpty ? "--clear-groups" : "--groups=" + groups.map(String.init).joined(separator: ","),
                                 executable.path] + arguments
        } else {
            process.executableURL = executable
            process.arguments = arguments
        }
        process.currentDirectoryURL = URL(fileURLWithPath: "/tmp")
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let data = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    func testTheUsersFoldersKeepTheirModeOwnerAndTimesAcrossARebuild() throws {
        let content = try content()
        let output = try temporaryFolder(self, "output")
        var options = BuildOptions(content: content, output: output, templates: Paths.templates, targetLocale: "es-ES")
        _ = try SiteBuilder.build(options)
        let fm = FileManager.default
        try writeFiles([".ssh/id_ed25519": Array("key".utf8), ".gnupg/private-keys-v1.d/k.key": Array("gpg".utf8)], into: output)
        let old = Date(timeIntervalSince1970: 1_600_000_000)
        for (path, mode) in [(".ssh/id_ed25519", 0o600), (".gnupg/private-keys-v1.d", 0o700), (".gnupg", 0o700), (".ssh", 0o700), ("es-es", 0o750)] {
            try fm.setAttributes([.posixPermissions: mode], ofItemAtPath: output.appendingPathComponent(path).path)
        }
        for path in [".gnupg/private-keys-v1.d", ".gnupg", ".ssh"] {
            try fm.setAttributes([.modificationDate: old], ofItemAtPath: output.appendingPathComponent(path).path)
        }
        let keyInode = try fm.attributesOfItem(atPath: output.appendingPathComponent(".ssh/id_ed25519").path)[.systemFileNumber] as? NSNumber
        options.clean = true
        _ = try SiteBuilder.build(options)
        func attributes(_ path: String) throws -> [FileAttributeKey: Any] { try fm.attributesOfItem(atPath: output.appendingPathComponent(path).path) }
        XCTAssertEqual(try attributes(".ssh")[.posixPermissions] as? Int, 0o700)
        XCTAssertEqual(try attributes(".gnupg")[.posixPermissions] as? Int, 0o700)
        XCTAssertEqual(try attributes(".gnupg/private-keys-v1.d")[.posixPermissions] as? Int, 0o700)
        XCTAssertEqual(try attributes("es-es")[.posixPermissions] as? Int, 0o750, "a folder of the site keeps the mode the user gave it")
        XCTAssertEqual(try attributes(".ssh/id_ed25519")[.posixPermissions] as? Int, 0o600)
        XCTAssertEqual(try attributes(".ssh/id_ed25519")[.systemFileNumber] as? NSNumber, keyInode, "the file itself is carried over, not copied")
        XCTAssertEqual(try attributes(".ssh")[.modificationDate] as? Date, old)
        XCTAssertEqual(try attributes(".gnupg/private-keys-v1.d")[.modificationDate] as? Date, old)
        XCTAssertEqual(try attributes(".ssh")[.ownerAccountID] as? NSNumber, try attributes(".")[.ownerAccountID] as? NSNumber)
        XCTAssertEqual(try String(contentsOf: output.appendingPathComponent(".gnupg/private-keys-v1.d/k.key"), encoding: .utf8), "gpg")
    }

    func testAMountPointInTheOutputIsNeitherEmptiedNorCopied() throws {
        let content = try content()
        let parent = try temporaryFolder(self, "site")
        let output = parent.appendingPathComponent("out")
        var options = BuildOptions(content: content, output: output, templates: Paths.templates, targetLocale: "es-ES")
        _ = try SiteBuilder.build(options)
        let mountPoint = output.appendingPathComponent("media")
        try FileManager.default.createDirectory(at: mountPoint, withIntermediateDirectories: true)
        try mountTmpfs(at: mountPoint, for: self)
        XCTAssertNotEqual(device(mountPoint), device(output))
        try writeFiles(["photo.jpg": Array("the user's photo".utf8), "albums/2026/a.jpg": Array("a".utf8)], into: mountPoint)
        let inode = try FileManager.default.attributesOfItem(atPath: mountPoint.appendingPathComponent("photo.jpg").path)[.systemFileNumber] as? NSNumber

        try writeFiles(["ok.md": Array(("# " + unit("o-1", "Muy bien", "Fine") + "\n").utf8)], into: content)
        options.clean = true
        _ = try SiteBuilder.build(options)
        XCTAssertNotEqual(device(mountPoint), device(output), "the mount point is still in the output, mounted")
        XCTAssertEqual(try String(contentsOf: mountPoint.appendingPathComponent("photo.jpg"), encoding: .utf8), "the user's photo")
        XCTAssertEqual(try String(contentsOf: mountPoint.appendingPathComponent("albums/2026/a.jpg"), encoding: .utf8), "a")
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: mountPoint.appendingPathComponent("photo.jpg").path)[.systemFileNumber] as? NSNumber, inode,
                       "the same file on the mounted file system, not a copy")
        XCTAssertTrue(try String(contentsOf: output.appendingPathComponent("es-es/ok.html"), encoding: .utf8).contains("Muy bien"), "the site was published in place")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: parent.path), ["out"], "nothing left beside the output")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: output.path).filter { $0.contains(".diglot-new-") }, [], "nothing left inside it")
    }
}

/// Runs `diglot` like `runDiglot`, but kills it after `seconds` (a command that must not hang, such
/// as `inspect /dev/zero`) and says so in the result: `timedOut`.
func runDiglotBounded(_ arguments: [String], seconds: Double = 20) throws -> (status: Int32, stdout: String, stderr: String, timedOut: Bool) {
    guard let executable = Paths.diglotExecutable else { throw XCTSkip("the diglot executable was not built") }
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.currentDirectoryURL = Paths.package
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    let done = DispatchSemaphore(value: 0)
    process.terminationHandler = { _ in done.signal() }
    try process.run()
    // Read both pipes while waiting, so that a child writing a lot never blocks on a full pipe.
    nonisolated(unsafe) var outData = Data(), errData = Data()
    let readers = DispatchGroup()
    DispatchQueue.global().async(group: readers) { outData = out.fileHandleForReading.readDataToEndOfFile() }
    DispatchQueue.global().async(group: readers) { errData = err.fileHandleForReading.readDataToEndOfFile() }
    let timedOut = done.wait(timeout: .now() + seconds) == .timedOut
    if timedOut {
        kill(process.processIdentifier, SIGKILL)
        done.wait()
    }
    readers.wait()
    return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self), timedOut)
}
