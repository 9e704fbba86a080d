import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The one way Diglot reads a file whole: the load stage its content's files, the publish stage the
/// output's own files (the manifest, the caches), the CLI a page named on the command line.
public enum FileRead {
    /// The largest file a build reads: 64 MiB (`ContentFolder.maxFileSize`; DG211 past it).
    public static let maxFileSize = 64 << 20

    /// The bytes of a file (a content file, the output's own files, the page of `diglot inspect`), read with POSIX
    /// `open`/`read`: a regular file of at most `maxFileSize` bytes, the build's limit.
    /// Throws `DiglotError.unreadableFile` for anything else: a folder, a device (`/dev/zero`), a FIFO
    /// or a socket (opened with `O_NONBLOCK`, so a FIFO without a writer does not hang), or a larger
    /// file (never read past the limit, even when it grows while being read).
    /// With `followingLinks: false` a link at `path` itself is refused (`O_NOFOLLOW`): content files
    /// (`ContentFolder.read`, after their real path is checked) and the output's own files are read so.
    public static func bytes(atPath path: String, followingLinks: Bool = true) throws(DiglotError) -> [UInt8] {
        func failure(_ why: String) -> DiglotError { .unreadableFile(path, why) }
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | (followingLinks ? 0 : O_NOFOLLOW))
        guard fd >= 0 else { throw failure(String(cString: strerror(errno))) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw failure(String(cString: strerror(errno))) }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw failure("it is a folder")
        default: throw failure("it is not a regular file (a device, a FIFO or a socket)")
        }
        let maxFileBytes = maxFileSize
        let tooLarge = failure("it is larger than \(maxFileBytes >> 20) MiB, the limit for a page")
        guard Int(info.st_size) <= maxFileBytes else { throw tooLarge }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size) + 1)
        var count = 0
        while true {
            if count == bytes.count {
                guard count <= maxFileBytes else { throw tooLarge }
                bytes.append(contentsOf: repeatElement(0, count: min(max(count, 4096), maxFileBytes + 1 - count)))
            }
            let n = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + count, $0.count - count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw failure(String(cString: strerror(errno)))
            }
            if n == 0 { break }
            count += n
        }
        guard count <= maxFileBytes else { throw tooLarge }
        bytes.removeSubrange(count...)
        return bytes
    }
}
