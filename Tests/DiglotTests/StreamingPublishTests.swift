@testable import Diglot
@testable import DiglotParse
@testable import DiglotContent
@testable import DiglotMail
@testable import DiglotPublish
@testable import DiglotTemplates
import Foundation
import XCTest

/// The one writer streams: `OutputWriter.publish(plan:to:clean:metadata:produce:)` takes the plan up
/// front and the files in batches, and publishes what one batch of every file would, whole or not at
/// all (in place, batch by batch, for an output that is a symbolic link).
final class StreamingPublishTests: XCTestCase {
    /// Nine files in three folders, one of them `page-NUMBER.html` per number.
    private func site(changing changed: Int? = nil) -> [OutputFile] {
        (0..<9).map { n in
            let folder = ["", "en-us/", "es-es/guide/"][n % 3]
            let text = "page \(n)" + (n == changed ? " changed" : "") + String(repeating: " text", count: n * 20)
            return OutputFile(path: folder + "page-\(n).html", text: text)
        }
    }

    /// Streams `files` in three batches, in an order that is not the plan's.
    @discardableResult
    private func stream(_ files: [OutputFile], to output: URL, plan: [String]? = nil, metadata: [OutputFile] = []) throws -> OutputWriter.Stats {
        let batches = [Array(files[6...]), Array(files[..<3]), Array(files[3..<6])]
        return try OutputWriter.publish(plan: plan ?? files.map(\.path), to: output, metadata: { metadata }) { sink in
            for batch in batches { try sink(batch) }
        }
    }

    /// Every entry under a folder (hidden ones too), with its bytes for a file (empty for a folder).

    private func inode(_ path: String) throws -> UInt64 {
        try XCTUnwrap(FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? UInt64)
    }

    private func mtime(_ path: String) -> Int64 {
        var info = stat()
        guard stat(path, &info) == 0 else { return -1 }
        return Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
    }

    /// The manifest's lines with the time left out (two outputs written apart differ only in it), after
    /// checking that each line's time is the file's on disk.
    private func manifestWithoutTimes(_ output: URL, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let text = try String(contentsOf: output.appendingPathComponent(OutputWriter.manifestName), encoding: .utf8)
        return text.split(separator: "\n").map { entry in
            let fields = entry.split(separator: "\t").map(String.init)
            XCTAssertEqual(fields.count, 4, file: file, line: line)
            XCTAssertEqual(Int64(fields[2]), mtime(output.path + "/" + fields[0]), "the manifest records \(fields[0])'s time on disk", file: file, line: line)
            return [fields[0], fields[1], fields[3]].joined(separator: "\t")
        }.joined(separator: "\n")
    }

    func testStreamingInBatchesGivesWhatOneBatchGivesAndRewritesOnlyTheChangedFile() throws {
        let parent = try temporaryFolder(self, "stream")
        let whole = parent.appendingPathComponent("whole")
        let streamed = parent.appendingPathComponent("streamed")
        let files = site()
        let cache = [OutputFile(path: BuildCache.fileName, text: "cache")]
        XCTAssertEqual(try OutputWriter.publish(files, to: whole, metadata: cache), OutputWriter.Stats(written: 9))
        XCTAssertEqual(try stream(files, to: streamed, metadata: cache), OutputWriter.Stats(written: 9))
        XCTAssertEqual(fileTree(streamed).keys.sorted(), fileTree(whole).keys.sorted())
        XCTAssertEqual(fileTree(streamed).filter { $0.key != OutputWriter.manifestName }, fileTree(whole).filter { $0.key != OutputWriter.manifestName },
                       "the same folders and files, byte for byte")
        XCTAssertEqual(try manifestWithoutTimes(streamed), try manifestWithoutTimes(whole), "the same manifest but for the times")

        // A file Diglot did not write, then a second streamed publish with one file changed.
        try Data("mine".utf8).write(to: streamed.appendingPathComponent("en-us/notes.txt"))
        let before = try Dictionary(uniqueKeysWithValues: files.map { ($0.path, try inode(streamed.path + "/" + $0.path)) })
        let notes = try inode(streamed.path + "/en-us/notes.txt")
        let changed = site(changing: 4)
        XCTAssertEqual(try stream(changed, to: streamed), OutputWriter.Stats(written: 1, unchanged: 8))
        for file in changed {
            XCTAssertEqual(try Data(contentsOf: streamed.appendingPathComponent(file.path)), Data(file.bytes), file.path)
            if file.path == changed[4].path {
                XCTAssertNotEqual(try inode(streamed.path + "/" + file.path), before[file.path], "the changed file is written anew")
            } else {
                XCTAssertEqual(try inode(streamed.path + "/" + file.path), before[file.path], "\(file.path) is kept as it was (linked)")
            }
        }
        XCTAssertEqual(try inode(streamed.path + "/en-us/notes.txt"), notes, "the user's file is carried over as a hard link")
        _ = try manifestWithoutTimes(streamed)
        XCTAssertEqual(try stream(changed, to: streamed), OutputWriter.Stats(unchanged: 9), "nothing changed")

        // A planned path that is never sent is not written and not in the manifest; one of the last build
        // that is not in the plan is removed.
        let fewer = Array(changed.dropLast())
        let stats = try OutputWriter.publish(plan: changed.map(\.path) + ["never.html"], to: streamed) { sink in try sink(fewer) }
        XCTAssertEqual(stats, OutputWriter.Stats(written: 0, unchanged: 8, removed: 0), "page-8 is planned: not counted as removed")
        XCTAssertFalse(FileManager.default.fileExists(atPath: streamed.path + "/" + changed[8].path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: streamed.path + "/never.html"))
        XCTAssertFalse(try manifestWithoutTimes(streamed).contains("page-8.html"))
        XCTAssertEqual(try OutputWriter.publish(plan: ["page-0.html"], to: streamed) { sink in try sink([changed[0]]) }.removed, 7)
    }

    private struct Interrupted: Error {}

    func testAProduceThatThrowsLeavesThePreviousOutputAsItWas() throws {
        let parent = try temporaryFolder(self, "stream")
        let output = parent.appendingPathComponent("out")
        _ = try OutputWriter.publish(site(), to: output)
        try Data("mine".utf8).write(to: output.appendingPathComponent("notes.txt"))
        let before = fileTree(output)
        let inodes = try before.keys.map { try inode(output.path + "/" + $0) }
        let changed = site(changing: 0)
        XCTAssertThrowsError(try OutputWriter.publish(plan: changed.map(\.path), to: output) { sink in
            try sink(Array(changed[..<3]))
            throw Interrupted()
        }) { XCTAssertTrue($0 is Interrupted, "the error of produce is rethrown: \($0)") }
        XCTAssertEqual(fileTree(output), before, "byte-identical")
        XCTAssertEqual(try before.keys.map { try inode(output.path + "/" + $0) }, inodes)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: parent.path), ["out"], "no new folder is left beside the output")

        // Into an output that does not exist yet: nothing is made.
        let none = parent.appendingPathComponent("none")
        XCTAssertThrowsError(try OutputWriter.publish(plan: changed.map(\.path), to: none) { sink in
            try sink(Array(changed[..<3]))
            throw Interrupted()
        })
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: parent.path), ["out"])
    }

    func testABatchPathNotInThePlanOrSentTwiceThrows() throws {
        let parent = try temporaryFolder(self, "stream")
        let output = parent.appendingPathComponent("out")
        _ = try OutputWriter.publish(site(), to: output)
        let before = fileTree(output)
        let files = site(changing: 1)
        XCTAssertThrowsError(try OutputWriter.publish(plan: files.map(\.path), to: output) { sink in
            try sink(Array(files[..<3]))
            try sink([OutputFile(path: "stray.html", text: "x")])
        }) { XCTAssertEqual($0 as? DiglotError, .outputNotWritable("stray.html", "not in the build's plan")) }
        XCTAssertThrowsError(try OutputWriter.publish(plan: files.map(\.path), to: output) { sink in
            try sink(Array(files[..<3]))
            try sink([files[0]])
        }) { XCTAssertEqual($0 as? DiglotError, .outputNotWritable(files[0].path, "sent twice to the output")) }
        XCTAssertEqual(fileTree(output), before)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: parent.path), ["out"])
    }

    func testAnOutputThatIsASymbolicLinkIsStreamedInPlaceBatchByBatch() throws {
        let place = try temporaryFolder(self, "place")
        let target = place.appendingPathComponent("real-site")
        let link = place.appendingPathComponent("Output")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        let files = site()
        XCTAssertEqual(try stream(files, to: link, metadata: [OutputFile(path: BuildCache.fileName, text: "one")]), OutputWriter.Stats(written: 9))
        try Data("keep".utf8).write(to: target.appendingPathComponent("keep.txt"))
        XCTAssertEqual(fileTree(target).keys.filter { $0.hasSuffix(".html") }.count, 9)
        _ = try manifestWithoutTimes(target)

        // One file changed, one of the last build gone (not in the plan), one new.
        var next = site(changing: 2)
        let gone = next.remove(at: 7)
        next.append(OutputFile(path: "es-es/new/page.html", text: "new"))
        let before = try Dictionary(uniqueKeysWithValues: next.dropLast().map { ($0.path, try inode(target.path + "/" + $0.path)) })
        let stats = try stream(next, to: link, metadata: [OutputFile(path: BuildCache.fileName, text: "two")])
        XCTAssertEqual(stats, OutputWriter.Stats(written: 2, unchanged: 7, removed: 1))
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: link.path), target.path, "the link is still a link")
        for file in next { XCTAssertEqual(try Data(contentsOf: target.appendingPathComponent(file.path)), Data(file.bytes), file.path) }
        for file in next.dropLast() where file.path != next[2].path {
            XCTAssertEqual(try inode(target.path + "/" + file.path), before[file.path], "\(file.path) is left as it was")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: target.path + "/" + gone.path))
        XCTAssertEqual(try String(contentsOf: target.appendingPathComponent("keep.txt"), encoding: .utf8), "keep")
        XCTAssertEqual(try String(contentsOf: target.appendingPathComponent(BuildCache.fileName), encoding: .utf8), "two")
        XCTAssertEqual(try manifestWithoutTimes(target).split(separator: "\n").count, 9)
        XCTAssertFalse(fileTree(target).keys.contains { $0.contains(".diglot-new-") }, "no staged file is left")

        // A produce that throws after a batch: nothing of it is moved in (batches are staged beside
        // their places and moved in once the build has made every file, so that a build stopped part
        // way, by DG305 say, changes nothing), and nothing staged is left.
        let third = site(changing: 8)
        let untouched = fileTree(target)
        XCTAssertThrowsError(try OutputWriter.publish(plan: third.map(\.path), to: link) { sink in
            try sink(Array(third[6...]))
            throw Interrupted()
        }) { XCTAssertTrue($0 is Interrupted) }
        XCTAssertEqual(fileTree(target), untouched, "the output is as it was")
        XCTAssertFalse(fileTree(target).keys.contains { $0.contains(".diglot-new-") }, "no staged file is left")
        XCTAssertEqual(try stream(third, to: link), OutputWriter.Stats(written: 3, unchanged: 6, removed: 1),
                       "the next publish writes pages 2, 7 (left out before) and 8, and removes es-es/new/page.html")
        for file in third { XCTAssertEqual(try Data(contentsOf: target.appendingPathComponent(file.path)), Data(file.bytes), file.path) }
        XCTAssertFalse(FileManager.default.fileExists(atPath: target.path + "/es-es/new/page.html"))
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: link.path), target.path)
    }

    /// In place, a file of the last build that this one planned but did not make (an unreadable
    /// picture, a page whose template failed) is removed, as in a swapped build: it is not left stale
    /// and unrecorded.
    func testAPlannedFileNotMadeIsRemovedInPlace() throws {
        let target = try temporaryFolder(self, "target")
        let link = try temporaryFolder(self, "links").appendingPathComponent("out")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        let files = site()
        try stream(files, to: link)
        let stats = try OutputWriter.publish(plan: files.map(\.path), to: link) { sink in try sink(Array(files.dropFirst())) }
        XCTAssertEqual(stats.unchanged, 8)
        XCTAssertFalse(FileManager.default.fileExists(atPath: target.path + "/" + files[0].path), "not made: not left stale")
        XCTAssertFalse(try manifestWithoutTimes(target).contains(files[0].path + "\t"))
    }

    /// The new site's folders are made one `mkdir` each (`OutputDisk.makeFolder`): missing parents are
    /// made, a folder already there is fine, and a file or a symbolic link in a folder's place fails
    /// with the path and the reason.
    func testMakeFolderMakesParentsAndRefusesWhatIsInTheWay() throws {
        let root = try temporaryFolder(self, "folders").path
        let exists = String(cString: strerror(EEXIST)), notAFolder = String(cString: strerror(ENOTDIR))
        XCTAssertNil(OutputDisk.makeFolder(root + "/a/b/c"))
        XCTAssertEqual(OutputDisk.fileStat(root + "/a/b/c")?.isDirectory, true)
        XCTAssertNil(OutputDisk.makeFolder(root + "/a/b"), "a folder already there")
        XCTAssertTrue(FileManager.default.createFile(atPath: root + "/file", contents: Data("x".utf8)))
        XCTAssertEqual(OutputDisk.makeFolder(root + "/file"), root + "/file: " + exists)
        XCTAssertEqual(OutputDisk.makeFolder(root + "/file/sub"), root + "/file/sub: " + notAFolder)
        try FileManager.default.createSymbolicLink(atPath: root + "/link", withDestinationPath: root + "/a")
        XCTAssertEqual(OutputDisk.makeFolder(root + "/link"), root + "/link: " + exists, "a link to a folder is not a folder of the site")
        // The new-site folder must be made anew: one already there (another user's) is not taken.
        XCTAssertNotEqual(OutputDisk.newSiteFolder(in: root, of: "site"), OutputDisk.newSiteFolder(in: root, of: "site"), "its name has a random tag")
        XCTAssertNil(OutputDisk.makeNewFolder(root + "/new"))
        for path in [root + "/new", root + "/a", root + "/link", root + "/file"] {
            XCTAssertEqual(OutputDisk.makeNewFolder(path), path + ": it is already there (its name is random: someone else made it), so it is not used: remove it")
        }
    }

    func testLeftoversOfThisUserAreRemovedAndAnotherUsersLeftAlone() throws {
        // In a shared folder another user's "leftover" may be a trap: its owner could swap a folder in it
        // for a link while it is emptied. Only this user's leftovers of builds no longer running go.
        guard geteuid() == 0 else { throw XCTSkip("making another user's folder needs root") }
        let parent = try temporaryFolder(self, "beside")
        let output = parent.appendingPathComponent("site")
        let mine = parent.path + "/.site.diglot-new-2147483000-abc", older = parent.path + "/.site.diglot-new-2147483001"
        let theirs = parent.path + "/.site.diglot-new-2147483002-xyz"
        for folder in [mine, older, theirs] { try FileManager.default.createDirectory(atPath: folder + "/sub", withIntermediateDirectories: true) }
        XCTAssertEqual(chown(theirs, 65534, 65534), 0)
        XCTAssertEqual(try OutputWriter.publish([OutputFile(path: "a.html", text: "a")], to: output).written, 1)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: parent.path).sorted(), [".site.diglot-new-2147483002-xyz", "site"])
        XCTAssertTrue(FileManager.default.fileExists(atPath: theirs + "/sub"), "another user's folder is left as it was")
    }

    func testFilesAKilledInPlacePublishStagedAreNotTheUsers() throws {
        // An in-place publish killed before its renames leaves `.NAME.diglot-new-PID` files in the
        // output. The next swap does not carry them over, and the next in-place publish removes them
        // from the folders it writes: a dead process's, and this process's own (a container's build
        // often has the killed one's process id). Another running process keeps its own.
        let place = try temporaryFolder(self, "place")
        let output = place.appendingPathComponent("out")
        _ = try OutputWriter.publish(site(), to: output)
        let sleeper = Process()
        sleeper.executableURL = URL(fileURLWithPath: "/bin/sleep")
        sleeper.arguments = ["60"]
        try sleeper.run()
        defer { sleeper.terminate(); sleeper.waitUntilExit() }
        let dead = ".page-2.html.diglot-new-2147483001", own = ".page-8.html.diglot-new-\(getpid())"
        let running = ".page-5.html.diglot-new-\(sleeper.processIdentifier)", notStaged = ".diglot-new-2147483001"
        func plant() throws {
            for name in [dead, own, running, notStaged] { try Data("staged".utf8).write(to: output.appendingPathComponent("es-es/guide/" + name)) }
        }
        func left() -> Set<String> {
            Set(((try? FileManager.default.contentsOfDirectory(atPath: output.path + "/es-es/guide")) ?? []).filter { $0.contains(".diglot-new-") })
        }
        try plant()
        _ = try OutputWriter.publish(site(changing: 0), to: output)
        XCTAssertEqual(left(), [running, notStaged], "the swap carries over only the running process's file and a name that is not a staged file's")
        // In place (the output is reached through a link).
        let link = place.appendingPathComponent("link")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: output)
        try plant()
        _ = try OutputWriter.publish(site(changing: 1), to: link)
        XCTAssertEqual(left(), [running, notStaged], "the in-place publish removes the others")
    }
}
