import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Where the resolve stage puts the views' content of pages past the memory budget
/// (`ResolvedPages.retainedBytes`), so that the render stage reads it back instead of parsing and
/// rendering those pages a second time: an unlinked temporary file (created with `mkstemp` in the
/// temporary folder, mode 0600, removed from its folder at once, so that nothing is left behind
/// and no other user can open it), written and read at offsets this type hands out.
///
/// A page's five byte arrays (its three views' content and two search entries) go to the file; its
/// small fields (QA findings, stale result, monikers) stay in its `Ticket`. The file holds at most
/// `limit` bytes (1 GiB by default); it is on whatever file system the temporary folder is, a tmpfs
/// (memory) included. Any failure to create, write or read the file, or the limit, is not an error:
/// `store` returns nil and `load` nil, and the page is parsed again as it was before spilling existed.
/// Measured on 20 copies of the corpus (554 MB of content against a 64 MB budget): the second parse of
/// 5,726 pages was the 20× build's loss of linearity (1.18–1.25 of linear; 0.88–1.02 with the spill).
final class ContentSpill: @unchecked Sendable {
    /// Where one page's content is: the offset of its bytes and the length of each array, and the
    /// fields that are not bytes.
    struct Ticket: Sendable {
        fileprivate var offset: Int
        fileprivate var lengths: [Int]
        fileprivate var small: PageContent
    }

    private let fd: Int32
    private let limit: Int
    private let lock = NSLock()
    private var end = 0
    /// Set once a write failed or a page would pass `limit`: the spill stops taking pages (they are parsed again).
    private var failed = false

    /// Nil when no temporary file can be made (or its name cannot be removed at once).
    init?(folder: String = NSTemporaryDirectory(), limit: Int = 1 << 30) {
        var template = Array(((folder.hasSuffix("/") ? folder : folder + "/") + "diglot-spill-XXXXXX").utf8CString)
        // (`mkostemp` with O_CLOEXEC is not in Swift's Glibc module; no build starts a process.)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { return nil }
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        guard template.withUnsafeBufferPointer({ unlink($0.baseAddress!) }) == 0 else {
            close(fd)
            return nil
        }
        self.fd = fd
        self.limit = limit
    }

    /// Whether the spill still takes pages (asked before a page's content is rendered for it).
    var accepting: Bool { lock.withLock { !failed && end < limit } }

    deinit { close(fd) }

    /// How many bytes the file holds.
    var size: Int { lock.withLock { end } }

    nonisolated(unsafe) private static let arrays: [WritableKeyPath<PageContent, [UInt8]>] = [\.target, \.sideBySide, \.source, \.targetSearchEntry, \.sourceSearchEntry]

    /// Writes a page's content; nil (the caller keeps nothing, and the page is parsed again) when the
    /// file cannot take it. Safe from several threads: each write has its own range of the file.
    func store(_ content: PageContent) -> Ticket? {
        let lengths = Self.arrays.map { content[keyPath: $0].count }
        let total = lengths.reduce(0, +)
        let offset: Int? = lock.withLock {
            guard !failed, total <= limit - end else {
                failed = true
                return nil
            }
            defer { end += total }
            return end
        }
        guard let offset else { return nil }
        var at = offset
        for keyPath in Self.arrays {
            let bytes = content[keyPath: keyPath]
            guard writeAll(bytes, at: at) else {
                lock.withLock { failed = true }
                return nil
            }
            at += bytes.count
        }
        var small = content
        for keyPath in Self.arrays { small[keyPath: keyPath] = [] }
        return Ticket(offset: offset, lengths: lengths, small: small)
    }

    /// The content a ticket names, read back; nil when the read fails or comes short.
    func load(_ ticket: Ticket) -> PageContent? {
        var content = ticket.small
        var at = ticket.offset
        for (keyPath, length) in zip(Self.arrays, ticket.lengths) {
            var read = true
            let bytes = [UInt8](unsafeUninitializedCapacity: length) { buffer, count in
                read = readAll(into: UnsafeMutableRawBufferPointer(buffer), at: at)
                count = read ? length : 0
            }
            guard read else { return nil }
            content[keyPath: keyPath] = bytes
            at += length
        }
        return content
    }

    /// A spill made on first use (`get`), so that a build within the budget touches no file.
    final class Lazy: @unchecked Sendable {
        private let lock = NSLock()
        private var made: ContentSpill?
        private var tried = false

        /// The spill, made the first time it is asked for; nil when it cannot be made.
        func get() -> ContentSpill? {
            lock.withLock {
                if !tried {
                    tried = true
                    made = ContentSpill()
                }
                return made
            }
        }

        /// The spill if one was made.
        var existing: ContentSpill? { lock.withLock { made } }
    }

    private func writeAll(_ bytes: [UInt8], at offset: Int) -> Bool {
        bytes.withUnsafeBytes { buffer in
            Self.whole(buffer.count) { done in pwrite(fd, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done)) }
        }
    }

    private func readAll(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) -> Bool {
        Self.whole(buffer.count) { done in pread(fd, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done)) }
    }

    /// Repeats a `pread` or `pwrite` of the bytes after `done` until all `count` are moved (again on
    /// EINTR); false when it fails or moves none (a read at the end of the file).
    private static func whole(_ count: Int, _ move: (_ done: Int) -> Int) -> Bool {
        var done = 0
        while done < count {
            let moved = move(done)
            if moved < 0 && errno == EINTR { continue }
            guard moved > 0 else { return false }
            done += moved
        }
        return true
    }
}
